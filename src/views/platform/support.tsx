import { SUPPORT } from "../../text/catalogue";
import { t } from "./page-context";

/** DGA's contact for help: the footer of every page and every dead end (expired link, errors). */
export function SupportContact() {
  return (
    <p class="support">
      {t({ th: "สอบถามหรือขอความช่วยเหลือ: สพร. โทร ", en: "Questions or help: DGA, phone " })}
      <a href={SUPPORT.phoneHref}>{SUPPORT.phone}</a>
      {t({ th: " อีเมล ", en: ", e-mail " })}
      <a href={`mailto:${SUPPORT.email}`}>{SUPPORT.email}</a>
    </p>
  );
}
