import type { Bilingual } from "../../text/bilingual";
import type { LayoutUser } from "../platform/layout";
import { ConsolePage } from "../platform/console-layout";
import type { AdminFailure } from "../platform/admin-parts";
import { TermsPublishSection } from "./admin-terms-form";

/** The console's terms tab: the version in force, and the form that publishes the next one. */
export function AdminTermsPage(props: {
  user: LayoutUser;
  currentVersion: string | null;
  notice?: Bilingual | null;
  failure?: AdminFailure | null;
}) {
  return (
    <ConsolePage
      user={props.user}
      current="terms"
      title={{ th: "ข้อตกลงการใช้งาน", en: "Terms of use" }}
      notice={props.failure ? null : props.notice}
      error={props.failure?.message ?? null}
    >
      <TermsPublishSection failure={props.failure ?? null} currentVersion={props.currentVersion} />
    </ConsolePage>
  );
}
