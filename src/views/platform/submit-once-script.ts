// A form marked `data-submit-once` is sent once: a second click or tap while the page is
// loading does nothing (the button says it is busy), so the first answer — which may carry a
// one-time secret — is the one the browser shows. The server also refuses a repeated post
// (see services/platform/form-tokens.ts); this spares the person a lost secret.
export const SUBMIT_ONCE_SCRIPT = `(function(){
document.addEventListener("submit",function(e){
var f=e.target;if(!f||!f.hasAttribute||!f.hasAttribute("data-submit-once"))return;
if(f.getAttribute("data-sent")){e.preventDefault();return;}
f.setAttribute("data-sent","1");
var b=f.querySelectorAll("button[type=submit]");for(var i=0;i<b.length;i++)b[i].setAttribute("aria-disabled","true");
},true);
window.addEventListener("pageshow",function(){var s=document.querySelectorAll("form[data-sent]");for(var i=0;i<s.length;i++){s[i].removeAttribute("data-sent");}});
})();`;
