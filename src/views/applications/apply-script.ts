// Progressive enhancement of the application form: the approver nomination shows only while
// the chosen agency has no executive on file (its option carries data-no-executive).
export const APPLY_SCRIPT = `(function(){
var s=document.getElementById("agencyId"),f=document.getElementById("approver");
if(!s||!f)return;
function follow(){var o=s.options[s.selectedIndex];f.hidden=!(o&&o.hasAttribute("data-no-executive"));}
s.addEventListener("change",follow);
follow();
})();`;
