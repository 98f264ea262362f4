// Progressive enhancement: the button stays hidden unless this script runs; the text around it
// tells everyone how to copy by hand.
const COPY_SCRIPT = `(function(){
var b=document.getElementById("copy-secret"),i=document.getElementById("new-secret"),s=document.getElementById("copy-status");
if(!b||!i||!s)return;
b.hidden=false;
function manual(){i.focus();i.select();s.textContent="โปรดเลือกข้อความแล้วคัดลอกเอง (Ctrl+C หรือกดค้าง) / Please copy the selected key yourself (Ctrl+C or long-press).";}
b.addEventListener("click",function(){
if(navigator.clipboard&&navigator.clipboard.writeText){navigator.clipboard.writeText(i.value).then(function(){s.textContent="คัดลอกแล้ว / Copied.";},manual);}else{manual();}
});
i.addEventListener("focus",function(){i.select();});
})();`;

/** The full secret of a key just created or rotated: shown once, never again. */
export function NewSecretBox(props: { name: string; secret: string }) {
  return (
    <section class="box" aria-labelledby="new-secret-title">
      <h2 id="new-secret-title">
        กุญแจใหม่ “{props.name}” แสดงเพียงครั้งเดียว{" "}
        <span class="en" lang="en">
          New key “{props.name}”: shown only once
        </span>
      </h2>
      <p>
        คัดลอกและเก็บกุญแจนี้ไว้ในที่ปลอดภัยทันที ระบบเก็บเพียงค่าแฮช จึงแสดงกุญแจนี้อีกไม่ได้ และจะไม่ส่งทางอีเมล
        <br />
        <span lang="en">
          Copy this key now and keep it somewhere safe. We only keep a hash, so it cannot be shown again and is never
          e-mailed.
        </span>
      </p>
      <label for="new-secret">กุญแจ API / API key</label>
      <input
        id="new-secret"
        type="text"
        class="mono"
        readonly
        value={props.secret}
        autocomplete="off"
        spellcheck={false}
        aria-describedby="copy-hint"
      />
      <p class="hint" id="copy-hint">
        เลือกข้อความทั้งหมดแล้วคัดลอก / Select all of the text and copy it.
      </p>
      <div class="actions">
        <button type="button" id="copy-secret" class="secondary" hidden>
          คัดลอก / Copy
        </button>
      </div>
      <p id="copy-status" role="status" aria-live="polite"></p>
      <script dangerouslySetInnerHTML={{ __html: COPY_SCRIPT }} />
    </section>
  );
}
