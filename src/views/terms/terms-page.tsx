import { Layout, Notice, type LayoutUser } from "../platform/layout";
import { Heading, When } from "../platform/parts";

export type TermsView = {
  version: string;
  titleTh: string;
  titleEn: string;
  bodyTh: string;
  bodyEn: string;
  effectiveAt: string;
  sha256: string;
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

/** The current terms, Thai then English, with the form to accept them. */
export function TermsPage(props: {
  user: LayoutUser;
  terms: TermsView;
  acceptedVersion: string | null;
  error?: string | null;
}) {
  const { terms, acceptedVersion } = props;
  const accepted = acceptedVersion === terms.version;
  return (
    <Layout title={`${terms.titleTh} / ${terms.titleEn}`} user={props.user}>
      <Heading th={terms.titleTh} en={terms.titleEn} />
      {props.error ? (
        <Notice kind="error">
          <p>{props.error}</p>
        </Notice>
      ) : null}
      <dl class="facts">
        <dt>ฉบับที่ / Version</dt>
        <dd>{terms.version}</dd>
        <dt>มีผลตั้งแต่ / Effective</dt>
        <dd>
          <When iso={terms.effectiveAt} long />
        </dd>
      </dl>
      {accepted ? (
        <Notice kind="success">
          <p>ท่านยอมรับข้อตกลงฉบับนี้แล้ว / You have accepted this version.</p>
          <p>
            <a href="/apply">ถัดไป: สมัครเป็นผู้ดูแลข้อมูล / Next: apply as a data steward</a>
          </p>
        </Notice>
      ) : acceptedVersion ? (
        <Notice kind="info">
          <p>
            ท่านเคยยอมรับฉบับที่ {acceptedVersion} ข้อตกลงมีฉบับใหม่ โปรดอ่านและยอมรับอีกครั้ง
            <br />
            <span lang="en">
              You accepted version {acceptedVersion}. The terms have changed: please read and accept the new version.
            </span>
          </p>
        </Notice>
      ) : null}
      <section class="terms" aria-labelledby="terms-th">
        <Heading level={2} id="terms-th" th="ภาษาไทย" en="Thai" />
        <Paragraphs text={terms.bodyTh} />
      </section>
      <section class="terms" lang="en" aria-labelledby="terms-en">
        <h2 id="terms-en">English</h2>
        <Paragraphs text={terms.bodyEn} />
      </section>
      <p class="small">
        ลายนิ้วมือของข้อความ / Text fingerprint (SHA-256): <code>{terms.sha256}</code>
      </p>
      {accepted ? null : (
        <form method="post" action="/terms/accept">
          <input type="hidden" name="version" value={terms.version} />
          <label class="check" for="accept">
            <input id="accept" name="accept" type="checkbox" value="yes" required />
            <span>
              ข้าพเจ้าได้อ่านและยอมรับข้อตกลงนี้
              <br />
              <span lang="en">I have read and accept these terms</span>
            </span>
          </label>
          <div class="actions">
            <button type="submit">ยอมรับข้อตกลง / Accept the terms</button>
          </div>
        </form>
      )}
    </Layout>
  );
}
