import { Layout, type LayoutUser } from "../platform/layout";
import { Heading } from "../platform/parts";
import { T } from "../platform/page-context";
import type { KeyView } from "./key-table";

/** Before a key is deleted: which key, what happens, and a button (the list's link comes here). */
export function KeyDeletePage(props: { user: LayoutUser; k: KeyView }) {
  const { k } = props;
  return (
    <Layout title={{ th: "ลบกุญแจ", en: "Delete a key" }} user={props.user}>
      <Heading th="ลบกุญแจนี้หรือไม่" en="Delete this key?" />
      <p class="lead">
        <strong>{k.name}</strong> <code>{k.prefix}…</code>
      </p>
      <div class="consequences">
        <p>
          <T
            th="กุญแจจะหยุดทำงานทันที ระบบที่ใช้กุญแจนี้จะเรียก API ไม่ได้อีก และคืนกลับไม่ได้"
            en="The key stops working at once: systems that use it can no longer call the API. This cannot be undone."
          />
        </p>
      </div>
      <form method="post" action={`/keys/${encodeURIComponent(k.id)}/delete`}>
        <div class="actions">
          <button type="submit" class="danger">
            <T th="ลบกุญแจ" en="Delete the key" />
          </button>
          <a class="button secondary" href="/keys">
            <T th="ยกเลิก" en="Cancel" />
          </a>
        </div>
      </form>
    </Layout>
  );
}
