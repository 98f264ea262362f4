// Progressive enhancement: the button stays hidden unless this script runs; the text around
// it tells everyone how to copy by hand.
export const COPY_SECRET_SCRIPT = `(function(){
var b=document.getElementById("copy-secret"),i=document.getElementById("new-secret"),s=document.getElementById("copy-status");
if(!b||!i||!s)return;
b.hidden=false;
function manual(){i.focus();i.select();s.textContent="โปรดเลือกข้อความแล้วคัดลอกเอง (Ctrl+C หรือกดค้าง) / Please copy the selected key yourself (Ctrl+C or long-press).";}
b.addEventListener("click",function(){
if(navigator.clipboard&&navigator.clipboard.writeText){navigator.clipboard.writeText(i.value).then(function(){s.textContent="คัดลอกแล้ว / Copied.";},manual);}else{manual();}
});
i.addEventListener("focus",function(){i.select();});
})();`;
