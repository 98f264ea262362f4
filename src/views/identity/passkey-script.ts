import { CLIENT_MESSAGES } from "../../text/catalogue";

const MESSAGES_JSON = JSON.stringify(CLIENT_MESSAGES).replace(/</g, "\\u003c");

/**
 * Passkey buttons (plain browser JS, no build), served as /assets/passkeys.js.
 * Elements, by data attribute:
 * - `[data-passkey-register]` button: registers a passkey named by `[data-passkey-name]`, then
 *   loads /account.
 * - `[data-passkey-signin]` button: signs in, then goes to `?returnTo=` (same-origin paths) or "/".
 * - `input[autocomplete~="webauthn"]`: conditional UI (autofill) starts on load when available.
 * - `[data-passkey-status]` (role="status"): progress and errors, in the page's language
 *   (`<html lang>`).
 * - `[data-passkey-ui]` shown, `[data-passkey-unsupported]` hidden, when the browser has passkeys;
 *   the buttons themselves are shown only then, so render them `hidden`.
 * Forms are never submitted by this script.
 */
export const PASSKEY_SCRIPT = String.raw`(function(){
var M=${MESSAGES_JSON};
var PKC=window.PublicKeyCredential;
function all(s){return Array.prototype.slice.call(document.querySelectorAll(s));}
var shown=all("[data-passkey-register],[data-passkey-signin],[data-passkey-ui]");
if(!PKC||!navigator.credentials){shown.forEach(function(e){e.hidden=true;});return;}
shown.forEach(function(e){e.hidden=false;});
all("[data-passkey-unsupported]").forEach(function(e){e.hidden=true;});
var statusEl=document.querySelector("[data-passkey-status]");
var L=document.documentElement.lang==="en"?"en":"th";
function msg(m){return m[L];}
function say(text){if(statusEl)statusEl.textContent=text;}
// A problem's detail reads "ไทย / English": show the part in the page's language.
function inLanguage(detail,m){
var parts=detail?String(detail).split(" / ").filter(function(p){return /[\u0E00-\u0E7F]/.test(p)===(L==="th");}):[];
return parts.length?parts.join(" "):m[L];
}
function Problem(status,body){this.status=status;this.body=body||{};}
function post(path,body){
return fetch(path,{method:"POST",credentials:"same-origin",headers:{"Content-Type":"application/json","Accept":"application/json"},body:JSON.stringify(body||{})})
.then(function(res){return res.json().catch(function(){return null;}).then(function(json){if(!res.ok)throw new Problem(res.status,json);return json;});});
}
function errorText(err){
if(err instanceof Problem){var m=M[err.body.code]||(err.status===429?M.rate_limited:M.failed);return inLanguage(err.body.detail,m);}
var name=err&&err.name;
if(name==="NotAllowedError")return msg(M.cancelled);
if(name==="InvalidStateError")return msg(M.already_registered);
if(name==="SecurityError")return msg(M.security);
if(err instanceof TypeError)return msg(M.network);
return msg(M.failed);
}
function toBuf(s){s=s.replace(/-/g,"+").replace(/_/g,"/");while(s.length%4)s+="=";var b=atob(s),u=new Uint8Array(b.length);for(var i=0;i<b.length;i++)u[i]=b.charCodeAt(i);return u.buffer;}
function toB64(buf){var u=new Uint8Array(buf),s="";for(var i=0;i<u.length;i++)s+=String.fromCharCode(u[i]);return btoa(s).replace(/\+/g,"-").replace(/\//g,"_").replace(/=+$/,"");}
function withIds(list){return (list||[]).map(function(c){return Object.assign({},c,{id:toBuf(c.id)});});}
// Older browsers lack the JSON helpers: convert by hand.
function creationOptions(o){
if(PKC.parseCreationOptionsFromJSON)return PKC.parseCreationOptionsFromJSON(o);
return Object.assign({},o,{challenge:toBuf(o.challenge),user:Object.assign({},o.user,{id:toBuf(o.user.id)}),excludeCredentials:withIds(o.excludeCredentials)});
}
function requestOptions(o){
if(PKC.parseRequestOptionsFromJSON)return PKC.parseRequestOptionsFromJSON(o);
return Object.assign({},o,{challenge:toBuf(o.challenge),allowCredentials:withIds(o.allowCredentials)});
}
function credentialJSON(c){
try{if(typeof c.toJSON==="function")return c.toJSON();}catch(e){}
var r=c.response,out={id:c.id,rawId:toB64(c.rawId),type:c.type,authenticatorAttachment:c.authenticatorAttachment||null,
clientExtensionResults:c.getClientExtensionResults?c.getClientExtensionResults():{},response:{clientDataJSON:toB64(r.clientDataJSON)}};
if(r.attestationObject){out.response.attestationObject=toB64(r.attestationObject);if(r.getTransports)out.response.transports=r.getTransports();}
else{out.response.authenticatorData=toB64(r.authenticatorData);out.response.signature=toB64(r.signature);out.response.userHandle=r.userHandle?toB64(r.userHandle):null;}
return out;
}
function busy(btn,on){if(btn){btn.disabled=on;if(on)btn.setAttribute("aria-busy","true");else btn.removeAttribute("aria-busy");}}
function returnTo(){
var r=new URLSearchParams(location.search).get("returnTo");
if(!r||r.charAt(0)!=="/"||r.charAt(1)==="/"||r.charAt(1)==="\\")return "/";
try{var u=new URL(r,location.origin);return u.origin===location.origin?u.pathname+u.search+u.hash:"/";}catch(e){return "/";}
}
all("[data-passkey-register]").forEach(function(btn){
btn.addEventListener("click",function(){
var input=document.querySelector("[data-passkey-name]");
var name=input&&input.value.trim()?input.value.trim():null;
busy(btn,true);say(msg(M.registering));
post("/api/v1/passkeys/registration/options")
.then(function(o){return navigator.credentials.create({publicKey:creationOptions(o)});})
.then(function(cred){return post("/api/v1/passkeys/registration/verify",{response:credentialJSON(cred),name:name});})
.then(function(){say(msg(M.registered));location.assign("/account");})
.catch(function(err){busy(btn,false);say(errorText(err));});
});
});
var conditional=null;
function signIn(mediation,signal){
return post("/api/v1/auth/passkey/options")
.then(function(o){var req={publicKey:requestOptions(o)};if(mediation){req.mediation=mediation;req.signal=signal;}return navigator.credentials.get(req);})
.then(function(cred){if(!cred)throw new DOMException("","NotAllowedError");say(msg(M.signing_in));return post("/api/v1/auth/passkey/verify",{response:credentialJSON(cred)});})
.then(function(){say(msg(M.signed_in));location.assign(returnTo());});
}
function startConditional(){
var field=document.querySelector('input[autocomplete~="webauthn"]');
if(!field||!PKC.isConditionalMediationAvailable)return;
PKC.isConditionalMediationAvailable().then(function(ok){
if(!ok)return;
var ctrl=new AbortController();conditional=ctrl;
signIn("conditional",ctrl.signal).catch(function(err){
if(ctrl.signal.aborted||conditional!==ctrl)return;
conditional=null;
// Closing the autofill list is not an error; a refused passkey is.
if(err instanceof Problem){say(errorText(err));startConditional();}
});
}).catch(function(){});
}
all("[data-passkey-signin]").forEach(function(btn){
btn.addEventListener("click",function(){
if(conditional){conditional.abort();conditional=null;}
busy(btn,true);say(msg(M.signing_in));
signIn(null,null).catch(function(err){busy(btn,false);say(errorText(err));startConditional();});
});
});
startConditional();
})();`;
