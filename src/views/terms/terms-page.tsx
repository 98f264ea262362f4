import { Layout, Notice, type LayoutUser } from "../platform/layout";
import { Heading, When } from "../platform/parts";
import { T, useLang } from "../platform/page-context";
import { ErrorSummary, FieldMessage, fieldAttrs, type FormProblem } from "../platform/form-problem";
import type { Bilingual } from "../../text/bilingual";

export type TermsView = {
  version: string;
  titleTh: string;
  titleEn: string;
  bodyTh: string;
  bodyEn: string;
  effectiveAt: string;
  sha256: string;
};

const NOT_TICKED = {
  th: "ทำเครื่องหมายว่าท่านได้อ่านและยอมรับข้อตกลง",
  en: "Tick the box to say you have read and accept the terms",
};

function Paragraphs(props: { text: string }) {
  const paragraphs = props.text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  return (
    <>
      {paragraphs.map((p) => (
        <p>{p}</p>
      ))}
    </>
  );
}

/**
 * A refused acceptance as a problem at its box: `problem` as the route built it, or else `error`
 * put there (an unticked box is the only refusal; a plain string from an older caller says so).
 */
function acceptProblem(problem: FormProblem | null | undefined, error: Bilingual | string | null | undefined) {
  if (problem) return problem;
  if (!error) return null;
  const text = typeof error === "string" ? NOT_TICKED : error;
  return { fields: [{ field: "accept", text }], general: [] } satisfies FormProblem;
}

/** The current terms in the page's language (the other is a click on the language switch away), with the form to accept them. */
export function TermsPage(props: {
  user: LayoutUser;
  terms: TermsView;
  acceptedVersion: string | null;
  /** A refused acceptance (the box not ticked). */
  problem?: FormProblem | null;
  error?: Bilingual | string | null;
}) {
  const { terms, acceptedVersion } = props;
  const lang = useLang();
  const accepted = acceptedVersion === terms.version;
  const problem = acceptProblem(props.problem, props.error);
  const title = { th: terms.titleTh, en: terms.titleEn };
  return (
    <Layout title={title} error={problem !== null} user={props.user}>
      <ErrorSummary problem={problem} />
      <Heading {...title} />
      <dl class="facts">
        <dt>
          <T th="ฉบับที่" en="Version" />
        </dt>
        <dd>{terms.version}</dd>
        <dt>
          <T th="มีผลตั้งแต่" en="Effective" />
        </dt>
        <dd>
          <When iso={terms.effectiveAt} long />
        </dd>
      </dl>
      {accepted ? (
        <Notice kind="success">
          <p>
            <T th="ท่านยอมรับข้อตกลงฉบับนี้แล้ว" en="You have accepted this version." />
          </p>
          <p>
            <a href="/apply">
              <T th="ถัดไป: สมัครเป็นผู้ดูแลข้อมูล" en="Next: apply as a data steward" />
            </a>
          </p>
        </Notice>
      ) : acceptedVersion ? (
        <Notice kind="info">
          <p>
            <T
              th={`ท่านเคยยอมรับฉบับที่ ${acceptedVersion} ข้อตกลงมีฉบับใหม่ โปรดอ่านและยอมรับอีกครั้ง`}
              en={`You accepted version ${acceptedVersion}. The terms have changed: please read and accept the new version.`}
            />
          </p>
        </Notice>
      ) : null}
      <section class="terms" aria-labelledby="terms-text">
        <Heading level={2} id="terms-text" th="ข้อตกลง" en="The terms" />
        <Paragraphs text={lang === "en" ? terms.bodyEn : terms.bodyTh} />
      </section>
      <p class="small">
        <T th="ลายนิ้วมือของข้อความ (SHA-256):" en="Text fingerprint (SHA-256):" /> <code>{terms.sha256}</code>
      </p>
      {accepted ? null : (
        <form method="post" action="/terms/accept" novalidate>
          <input type="hidden" name="version" value={terms.version} />
          <FieldMessage problem={problem} field="accept" />
          <label class="check" for="accept">
            <input id="accept" name="accept" type="checkbox" value="yes" required {...fieldAttrs(problem, "accept")} />
            <span>
              <T th="ข้าพเจ้าได้อ่านและยอมรับข้อตกลงนี้" en="I have read and accept these terms" />
            </span>
          </label>
          <div class="actions">
            <button type="submit">
              <T th="ยอมรับข้อตกลง" en="Accept the terms" />
            </button>
          </div>
        </form>
      )}
    </Layout>
  );
}
