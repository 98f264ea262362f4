// GOV.UK's error summary behaviour: the summary takes focus when the page loads (also given by
// `autofocus`), and a link in it moves focus to its field (a fragment alone only scrolls), with
// the field's label in view.
export const ERROR_SUMMARY_SCRIPT = `(function(){
var s=document.querySelector(".error-summary");
if(!s)return;
if(document.activeElement!==s)s.focus();
s.addEventListener("click",function(e){
var a=e.target.closest&&e.target.closest("a[href^='#']");if(!a)return;
var f=document.getElementById(a.getAttribute("href").slice(1));if(!f)return;
e.preventDefault();
var l=document.querySelector("label[for='"+f.id+"']")||f;
l.scrollIntoView();f.focus({preventScroll:true});
});
})();`;
