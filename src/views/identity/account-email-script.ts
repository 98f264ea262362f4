import { CLIENT_MESSAGES } from "../../text/catalogue";

/**
 * Adding an official e-mail on /account without leaving the page (plain browser JS, served as
 * /assets/account-email.js): `#email-add` asks for a code, `#email-code-form` checks it,
 * `#email-status` says what happens. The forms still work without it.
 */
export const ACCOUNT_EMAIL_SCRIPT = String.raw`(function(){
var M=${JSON.stringify(CLIENT_MESSAGES).replace(/</g, "\\u003c")};
var add=document.getElementById("email-add"),codeForm=document.getElementById("email-code-form"),st=document.getElementById("email-status");
if(!add||!codeForm||!st||!window.fetch)return;
add.hidden=false;
var email="";
function bi(m){return m.th+" / "+m.en;}
function show(err){
var b=err&&err.body||{},m=M[b.code]||(err instanceof TypeError?M.network:M.failed),d=b.detail?String(b.detail).split(" / "):[];
var th=d.filter(function(p){return /[\u0E00-\u0E7F]/.test(p);}),en=d.filter(function(p){return !/[\u0E00-\u0E7F]/.test(p);});
st.textContent=d.length?(th.length?th:[m.th]).concat(en).join(" / "):bi(m);
}
function post(path,body){
return fetch(path,{method:"POST",credentials:"same-origin",headers:{"Content-Type":"application/json","Accept":"application/json"},body:JSON.stringify(body)})
.then(function(res){if(res.ok)return res;return res.json().catch(function(){return {};}).then(function(b){throw {body:b};});});
}
add.addEventListener("submit",function(e){
e.preventDefault();email=add.elements.email.value.trim();st.textContent=bi(M.sending_code);
post("/api/v1/me/emails",{email:email}).then(function(){st.textContent=bi(M.code_sent);codeForm.hidden=false;codeForm.elements.code.focus();}).catch(show);
});
codeForm.addEventListener("submit",function(e){
e.preventDefault();
post("/api/v1/me/emails/verify",{email:email,code:codeForm.elements.code.value.trim()}).then(function(){st.textContent=bi(M.email_added);location.assign("/account");}).catch(show);
});
})();`;
