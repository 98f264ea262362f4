// Progressive enhancement of the main menu on narrow screens (GOV.UK's service navigation): the
// menu collapses behind a "เมนู / Menu" button that says whether it is open (aria-expanded).
// Without this script, or on wide screens, the menu is simply shown.
export const MENU_SCRIPT = `(function(){
var b=document.querySelector(".menu-toggle"),m=document.getElementById("site-menu");
if(!b||!m)return;
var narrow=window.matchMedia("(max-width: 44rem)");
function set(open){b.setAttribute("aria-expanded",open?"true":"false");m.hidden=!open;}
function layout(){if(narrow.matches){b.hidden=false;set(false);}else{b.hidden=true;m.hidden=false;}}
b.addEventListener("click",function(){set(b.getAttribute("aria-expanded")!=="true");});
document.addEventListener("keydown",function(e){if(e.key==="Escape"&&narrow.matches&&!m.hidden){set(false);b.focus();}});
if(narrow.addEventListener)narrow.addEventListener("change",layout);
layout();
})();`;
