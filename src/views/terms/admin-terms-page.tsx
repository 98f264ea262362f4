import type { Bilingual } from "../../text/bilingual";
import { Layout, type LayoutUser } from "../platform/layout";
import { Heading } from "../platform/parts";
import { ConsoleTabs, SuccessBanner } from "../platform/console-layout";
import { ErrorSummary, type FormProblem } from "../platform/form-problem";
import { TermsPublishSection, type TermsFormValues } from "./admin-terms-form";

const TITLE = { th: "ข้อตกลงการใช้งาน", en: "Terms of use" };

/** The console's terms tab: the version in force, and the form that publishes the next one. */
export function AdminTermsPage(props: {
  user: LayoutUser;
  currentVersion: string | null;
  notice?: Bilingual | null;
  /** A refused publish form: what was wrong, and what was typed. */
  problem?: FormProblem | null;
  values?: TermsFormValues | null;
}) {
  const problem = props.problem ?? null;
  return (
    <Layout title={TITLE} error={problem !== null} user={props.user}>
      <ErrorSummary problem={problem} />
      <ConsoleTabs current="terms" />
      <SuccessBanner notice={problem ? null : props.notice} />
      <Heading {...TITLE} />
      <TermsPublishSection problem={problem} values={props.values ?? null} currentVersion={props.currentVersion} />
    </Layout>
  );
}
