import { raw } from "hono/html";
import { APP_NAME } from "../../text/catalogue";
import { assetPath } from "./assets";

export type LayoutUser = { name: string; email: string | null; isAdmin: boolean };

/** The whole HTML document: header with the signed-in user's menu, main content, footer. */
export function Layout(props: { title: string; children: any; user?: LayoutUser | null }) {
  const { user } = props;
  return (
    <>
      {raw("<!doctype html>")}
      <html lang="th">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="light" />
          <title>{`${props.title} · ${APP_NAME}`}</title>
          <link rel="stylesheet" href={assetPath("app.css")} />
        </head>
        <body>
          <a class="skip" href="#main">
            ข้ามไปยังเนื้อหา / Skip to content
          </a>
          <header class="site">
            <div class="wrap">
              <a class="brand" href="/">
                {APP_NAME}
              </a>
              {user ? <UserNav user={user} /> : null}
            </div>
          </header>
          <main id="main">{props.children}</main>
          <footer class="site-footer wrap">
            <p>ระบบสมัครผู้ดูแลข้อมูลของ Data.go.th ดำเนินการโดยสำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน) (สพร.)</p>
            <p lang="en">
              Data steward membership for Data.go.th, run by the Digital Government Development Agency (DGA).
            </p>
            <p>
              <a href="/terms">ข้อตกลงการใช้งาน / Terms of use</a>
            </p>
          </footer>
        </body>
      </html>
    </>
  );
}

function UserNav(props: { user: LayoutUser }) {
  const { user } = props;
  return (
    <>
      <nav aria-label="เมนูหลัก / Main menu">
        <ul>
          <li>
            <a href="/apply">สมัครเป็นผู้ดูแลข้อมูล</a>
          </li>
          <li>
            <a href="/applications">คำขอของฉัน</a>
          </li>
          <li>
            <a href="/keys">กุญแจ API</a>
          </li>
          <li>
            <a href="/account">บัญชีและความปลอดภัย / Account &amp; security</a>
          </li>
          {user.isAdmin ? (
            <li>
              <a href="/admin">ผู้ดูแลระบบ</a>
            </li>
          ) : null}
          <li>
            <form method="post" action="/signout">
              <button type="submit">ออกจากระบบ / Sign out</button>
            </form>
          </li>
        </ul>
      </nav>
      <p class="who">
        {user.name}
        {user.email ? ` · ${user.email}` : null}
      </p>
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
