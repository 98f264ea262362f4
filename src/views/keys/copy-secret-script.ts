// Progressive enhancement: the button stays hidden unless this script runs; the text around
// it tells everyone how to copy by hand. Its messages follow the page's language.
export const COPY_SECRET_SCRIPT = `(function(){
var b=document.getElementById("copy-secret"),i=document.getElementById("new-secret"),s=document.getElementById("copy-status");
if(!b||!i||!s)return;
var en=document.documentElement.lang==="en";
var copied=en?"Copied.":"คัดลอกแล้ว";
var byHand=en?"Please copy the selected key yourself (Ctrl+C or long-press).":"โปรดเลือกข้อความแล้วคัดลอกเอง (Ctrl+C หรือกดค้าง)";
b.hidden=false;
function manual(){i.focus();i.select();s.textContent=byHand;}
b.addEventListener("click",function(){
if(navigator.clipboard&&navigator.clipboard.writeText){navigator.clipboard.writeText(i.value).then(function(){s.textContent=copied;},manual);}else{manual();}
});
i.addEventListener("focus",function(){i.select();});
})();`;
