import { Layout } from "./layout";
import { T } from "./page-context";
import { When } from "./parts";

// Development only: the local mailbox in a browser, links clickable.

export interface DevMailRow {
  id: string;
  to: string[];
  subject: string;
  text: string;
  status: string;
  createdAt: string;
}

const URL_PATTERN = /(https?:\/\/[^\s<>"']+)/g;

/** The text with its URLs as links (the rest stays text, escaped by JSX). */
function Linked(props: { text: string }) {
  const parts = props.text.split(URL_PATTERN);
  return <>{parts.map((part, i) => (i % 2 === 1 ? <a href={part}>{part}</a> : part))}</>;
}

/** Every queued message, newest first, as plain text with its links clickable. */
export function DevMailPage(props: { messages: DevMailRow[]; to: string | null }) {
  return (
    <Layout title={{ th: "กล่องจดหมายสำหรับพัฒนา", en: "Development mailbox" }}>
      <h1>
        <T th="กล่องจดหมายสำหรับพัฒนา" en="Development mailbox" />
      </h1>
      <p>
        <T
          th="อีเมลที่ระบบส่งขณะพัฒนา (ไม่มีอีเมลออกจากเครื่องนี้) ใหม่สุดก่อน ขอเป็น JSON ได้ที่ /dev/mail ด้วย Accept: application/json"
          en="Mail the system sent while in development (nothing leaves this machine), newest first. Ask with Accept: application/json for JSON."
        />
      </p>
      <form method="get" action="/dev/mail" class="search">
        <label for="to">
          <T th="ถึงอีเมล" en="To address" />
        </label>
        <input id="to" name="to" type="search" value={props.to ?? ""} autocomplete="off" />
        <button type="submit" class="secondary">
          <T th="ค้นหา" en="Filter" />
        </button>
      </form>
      {props.messages.length === 0 ? (
        <p>
          <T th="ยังไม่มีอีเมล" en="No mail yet." />
        </p>
      ) : (
        props.messages.map((m) => (
          <article class="usage" aria-labelledby={`m-${m.id}`}>
            <h2 id={`m-${m.id}`}>{m.subject}</h2>
            <p class="small">
              <T th="ถึง" en="To" /> {m.to.join(", ")} · <When iso={m.createdAt} /> · <code>{m.status}</code>
            </p>
            <p class="pre-line">
              <Linked text={m.text} />
            </p>
          </article>
        ))
      )}
    </Layout>
  );
}
