import type { JSX } from "hono/jsx/jsx-runtime";
import { Layout } from "./layout";
import type { Bilingual } from "../../text/bilingual";
import { T, t } from "./page-context";
import { Bi, Heading } from "./parts";
import { SupportContact } from "./support";

const TITLES: Record<number, Bilingual> = {
  400: { th: "คำขอไม่ถูกต้อง", en: "Bad request" },
  401: { th: "กรุณาเข้าสู่ระบบ", en: "Sign-in required" },
  403: { th: "ไม่มีสิทธิ์เข้าถึง", en: "Not allowed" },
  404: { th: "ไม่พบหน้านี้", en: "Not found" },
  409: { th: "ดำเนินการไม่ได้ในขณะนี้", en: "This cannot be done now" },
  410: { th: "ลิงก์นี้หมดอายุแล้ว", en: "This link has expired" },
  413: { th: "ข้อมูลมีขนาดใหญ่เกินไป", en: "Request too large" },
  415: { th: "รูปแบบข้อมูลไม่รองรับ", en: "Unsupported format" },
  422: { th: "ข้อมูลไม่ผ่านการตรวจสอบ", en: "Request not accepted" },
  429: { th: "มีคำขอมากเกินไป", en: "Too many requests" },
  500: { th: "ระบบขัดข้อง", en: "Something went wrong" },
  502: { th: "ระบบที่เชื่อมต่อไม่ตอบสนอง", en: "A connected service did not answer" },
  503: { th: "ระบบไม่พร้อมให้บริการชั่วคราว", en: "Service temporarily unavailable" },
};

const HINTS: Record<number, Bilingual> = {
  401: { th: "โปรดเข้าสู่ระบบแล้วลองอีกครั้ง", en: "Please sign in and try again." },
  409: { th: "ข้อมูลอาจถูกเปลี่ยนแปลงแล้ว โปรดโหลดหน้าใหม่", en: "The data may have changed. Please reload the page." },
  429: { th: "โปรดรอสักครู่แล้วลองอีกครั้ง", en: "Please wait a little and try again." },
  500: { th: "โปรดลองอีกครั้งภายหลัง", en: "Please try again later." },
  502: { th: "โปรดลองอีกครั้งภายหลัง", en: "Please try again later." },
};

function titleFor(status: number): Bilingual {
  const exact = TITLES[status];
  if (exact) return exact;
  return status >= 500 ? (TITLES[500] as Bilingual) : (TITLES[400] as Bilingual);
}

/** What the error page needs of an error (an AppError has it). */
export interface PageError {
  status: number;
  code: string;
  /** What went wrong, for people, in both languages (AppError's `text`). */
  text: Bilingual;
}

/**
 * The HTML page for any error of an HTML route, in the page's language: what went wrong, what
 * to do, the error's code, and DGA's contact (a dead end). Answer it with `html(c, errorPage(e), status)`.
 */
export function errorPage(error: PageError): JSX.Element {
  return <ErrorPage error={error} />;
}

function ErrorPage(props: { error: PageError }) {
  const { error } = props;
  const title = titleFor(error.status);
  const hint = HINTS[error.status];
  const text = t(error.text);
  return (
    <Layout title={title}>
      <Heading th={title.th} en={title.en} />
      {text && text !== t(title) ? <p>{text}</p> : null}
      {hint ? (
        <p>
          <Bi text={hint} />
        </p>
      ) : null}
      <SupportContact />
      <p class="small">
        <T th="รหัสข้อผิดพลาด" en="Error code" />: <code>{error.code}</code> ({error.status})
      </p>
      <div class="actions">
        {error.status === 401 ? (
          <a class="button" href="/signin">
            <T th="เข้าสู่ระบบ" en="Sign in" />
          </a>
        ) : null}
        <a class={error.status === 401 ? "button secondary" : "button"} href="/">
          <T th="กลับหน้าแรก" en="Home" />
        </a>
      </div>
    </Layout>
  );
}
