import { raw } from "hono/html";
import { SERVICE_NAME } from "../../text/catalogue";
import type { Bilingual } from "../../text/bilingual";
import type { Lang } from "../../text/language";
import { assetPath } from "./assets";
import { t, useLang, usePath } from "./page-context";
import { SupportContact } from "./support";

export type LayoutUser = { name: string; email: string | null; isAdmin: boolean };

const ERROR_PREFIX = { th: "ข้อผิดพลาด: ", en: "Error: " } as const;

/**
 * The whole HTML document in the page's language: the service's name, the language switch, the
 * signed-in user's menu (collapsed behind a button on phones), the main content, and a footer
 * with DGA's contact. `error` prefixes the title with "ข้อผิดพลาด:" (a failed form, GOV.UK's
 * convention, so that a screen reader hears it first).
 */
export function Layout(props: { title: Bilingual; error?: boolean; children: any; user?: LayoutUser | null }) {
  const { user } = props;
  const lang = useLang();
  const prefix = props.error ? ERROR_PREFIX[lang] : "";
  return (
    <>
      {raw("<!doctype html>")}
      <html lang={lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="light" />
          <title>{`${prefix}${props.title[lang]} · ${SERVICE_NAME[lang]}`}</title>
          <link rel="stylesheet" href={assetPath("app.css")} />
          <script src={assetPath("menu.js")} defer />
          <script src={assetPath("submit-once.js")} defer />
        </head>
        <body>
          <a class="skip" href="#main">
            {t({ th: "ข้ามไปยังเนื้อหา", en: "Skip to content" })}
          </a>
          <header class="site">
            <div class="wrap">
              <a class="brand" href="/">
                {SERVICE_NAME[lang]}
              </a>
              <LanguageSwitch />
              {user ? <UserNav user={user} /> : null}
            </div>
          </header>
          <main id="main">{props.children}</main>
          <footer class="site-footer wrap">
            <p>
              {t({
                th: "ให้บริการโดยสำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน) (สพร.)",
                en: "Run by the Digital Government Development Agency (DGA).",
              })}
            </p>
            <SupportContact />
            <p>
              <a href="/terms">{t({ th: "ข้อตกลงการใช้งาน", en: "Terms of use" })}</a>
            </p>
          </footer>
        </body>
      </html>
    </>
  );
}

const LANGUAGE_NAMES: Record<Lang, string> = { th: "ไทย", en: "English" };

/**
 * "ไทย | English": each language named in itself; the current one is marked, the other is a
 * link that keeps the visitor on the same page.
 */
function LanguageSwitch() {
  const lang = useLang();
  const back = encodeURIComponent(usePath());
  return (
    <nav class="languages" aria-label={t({ th: "เลือกภาษา", en: "Choose a language" })}>
      <ul>
        {(["th", "en"] as const).map((l) => (
          <li>
            {l === lang ? (
              <span aria-current="true" lang={l}>
                {LANGUAGE_NAMES[l]}
              </span>
            ) : (
              <a href={`/language?to=${l}&back=${back}`} lang={l} hreflang={l}>
                {LANGUAGE_NAMES[l]}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

const MENU: { href: string; text: Bilingual; admin?: boolean }[] = [
  { href: "/apply", text: { th: "สมัครเป็นผู้ดูแลข้อมูล", en: "Apply" } },
  { href: "/applications", text: { th: "คำขอของฉัน", en: "My applications" } },
  { href: "/keys", text: { th: "กุญแจ API", en: "API keys" } },
  { href: "/account", text: { th: "บัญชีของฉัน", en: "My account" } },
  { href: "/admin", text: { th: "ผู้ดูแลระบบ", en: "Administration" }, admin: true },
];

/** Whether `href` is the page at `path` or a page under it (the menu's current item). */
function isCurrent(href: string, path: string): boolean {
  const pathname = path.split("?")[0] ?? "";
  return pathname === href || pathname.startsWith(`${href}/`);
}

function UserNav(props: { user: LayoutUser }) {
  const { user } = props;
  const path = usePath();
  return (
    <>
      {/* Shown by menu.js on narrow screens only; without scripts the menu simply stays open. */}
      <button type="button" class="menu-toggle" aria-controls="site-menu" aria-expanded="false" hidden>
        {t({ th: "เมนู", en: "Menu" })}
      </button>
      <nav id="site-menu" class="site-menu" aria-label={t({ th: "เมนูหลัก", en: "Main menu" })}>
        <ul>
          {MENU.filter((item) => !item.admin || user.isAdmin).map((item) => (
            <li>
              <a href={item.href} aria-current={isCurrent(item.href, path) ? "page" : undefined}>
                {t(item.text)}
              </a>
            </li>
          ))}
          <li>
            <form method="post" action="/signout">
              <button type="submit">{t({ th: "ออกจากระบบ", en: "Sign out" })}</button>
            </form>
          </li>
        </ul>
        <p class="who">
          {user.name}
          {user.email ? ` · ${user.email}` : null}
        </p>
      </nav>
    </>
  );
}

/** A message box; errors are announced to screen readers at once. */
export function Notice(props: { kind: "info" | "error" | "success"; children: any }) {
  return (
    <div class={`notice ${props.kind}`} role={props.kind === "error" ? "alert" : "status"}>
      {props.children}
    </div>
  );
}
