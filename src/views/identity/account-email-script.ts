import { CLIENT_MESSAGES } from "../../text/catalogue";

/**
 * Adding an official e-mail on /account without leaving the page (plain browser JS, served as
 * /assets/account-email.js): `#email-add` asks for a code, `#email-code-form` checks it,
 * `#email-status` says what is happening. A refusal is shown the GOV.UK way, at the field it is
 * about: the text in `#<field>-error` (rendered hidden), the field marked `aria-invalid` and
 * described by it, and focused. Messages are in the page's language (`<html lang>`); a
 * problem's `detail` reads "ไทย / English", and the part in that language is shown.
 */
export const ACCOUNT_EMAIL_SCRIPT = String.raw`(function(){
var M=${JSON.stringify(CLIENT_MESSAGES).replace(/</g, "\\u003c")};
var L=document.documentElement.lang==="en"?"en":"th";
var add=document.getElementById("email-add"),codeForm=document.getElementById("email-code-form"),st=document.getElementById("email-status");
if(!add||!codeForm||!st||!window.fetch)return;
add.hidden=false;
var email="";
function say(m){st.textContent=m[L];}
function thai(p){return /[\u0E00-\u0E7F]/.test(p);}
function textOf(err,field){
var b=err&&err.body||{};
if(b.code==="invalid_request"&&b.errors&&b.errors.length)return (field==="code"?M.invalid_code_format:M.invalid_email)[L];
var m=M[b.code]||(err instanceof TypeError?M.network:M.failed);
var parts=b.detail?String(b.detail).split(" / ").filter(function(p){return thai(p)===(L==="th");}):[];
return parts.length?parts.join(" "):m[L];
}
function mark(input,text){
var box=document.getElementById(input.id+"-error");if(!box)return;
var hint=(input.getAttribute("aria-describedby")||"").split(" ").filter(function(id){return id&&id!==box.id;});
if(text){box.querySelector("[data-message]").textContent=text;box.hidden=false;input.setAttribute("aria-invalid","true");hint.push(box.id);}
else{box.hidden=true;input.removeAttribute("aria-invalid");}
if(hint.length)input.setAttribute("aria-describedby",hint.join(" "));else input.removeAttribute("aria-describedby");
}
function refuse(input){return function(err){st.textContent="";mark(input,textOf(err,input.name));input.focus();};}
function post(path,body){
return fetch(path,{method:"POST",credentials:"same-origin",headers:{"Content-Type":"application/json","Accept":"application/json"},body:JSON.stringify(body)})
.then(function(res){if(res.ok)return res;return res.json().catch(function(){return {};}).then(function(b){throw {body:b};});});
}
add.addEventListener("submit",function(e){
e.preventDefault();var input=add.elements.email;email=input.value.trim();mark(input,"");say(M.sending_code);
post("/api/v1/me/emails",{email:email}).then(function(){say(M.code_sent);codeForm.hidden=false;codeForm.elements.code.focus();}).catch(refuse(input));
});
codeForm.addEventListener("submit",function(e){
e.preventDefault();var input=codeForm.elements.code;mark(input,"");
post("/api/v1/me/emails/verify",{email:email,code:input.value.trim()}).then(function(){say(M.email_added);location.assign("/account");}).catch(refuse(input));
});
})();`;
