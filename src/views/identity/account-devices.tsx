import { ActionForm, Badge, Heading, When } from "../platform/parts";
import { T, t } from "../platform/page-context";
import type { SessionView } from "./account-views";

const AGENTS: { browsers: [RegExp, string][]; systems: [RegExp, string][] } = {
  browsers: [
    [/Edg\//, "Edge"],
    [/OPR\//, "Opera"],
    [/SamsungBrowser/, "Samsung Internet"],
    [/\bLine\//, "LINE"],
    [/Firefox\/|FxiOS/, "Firefox"],
    [/Chrome\/|CriOS/, "Chrome"],
    [/Safari\//, "Safari"],
  ],
  systems: [
    [/Android/, "Android"],
    [/iPhone/, "iPhone"],
    [/iPad/, "iPad"],
    [/Windows/, "Windows"],
    [/Mac OS X/, "macOS"],
    [/CrOS/, "ChromeOS"],
    [/Linux/, "Linux"],
  ],
};

/** "Chrome · Android" from a user agent string, or null when it says nothing we know. */
function describeAgent(ua: string | null): string | null {
  if (!ua) return null;
  const found = [AGENTS.browsers, AGENTS.systems].map((list) => list.find(([re]) => re.test(ua))?.[1]).filter(Boolean);
  return found.length ? found.join(" · ") : null;
}

/** The account page's signed-in devices: each session, with a button to end the others. */
export function DevicesSection(props: { sessions: SessionView[] }) {
  return (
    <section aria-labelledby="sessions-title">
      <Heading level={2} id="sessions-title" th="อุปกรณ์ที่เข้าสู่ระบบอยู่" en="Signed-in devices" />
      <ul class="list">
        {props.sessions.map((s) => {
          const device = describeAgent(s.userAgent) ?? t({ th: "อุปกรณ์ที่ไม่รู้จัก", en: "Unknown device" });
          return (
            <li>
              <strong>{device}</strong> {s.current ? <Badge text={{ th: "อุปกรณ์นี้", en: "This device" }} /> : null}
              <p class="small">
                {s.userAgent ? <span class="mono">{s.userAgent}</span> : null}
                {s.userAgent ? <br /> : null}
                <T th="เข้าสู่ระบบเมื่อ " en="Signed in: " />
                <When iso={s.createdAt} />
                <br />
                <T th="ใช้งานล่าสุด " en="Last active: " />
                <When iso={s.lastSeenAt} />
              </p>
              {s.current ? null : (
                <ActionForm
                  action={`/account/sessions/${encodeURIComponent(s.id)}/end`}
                  label={t({ th: "ออกจากระบบอุปกรณ์นี้", en: "Sign this device out" })}
                  what={device}
                  danger
                />
              )}
            </li>
          );
        })}
      </ul>
      {props.sessions.some((s) => !s.current) ? (
        <form method="post" action="/account/sessions/revoke-others">
          <button type="submit" class="danger">
            <T th="ออกจากระบบในอุปกรณ์อื่นทั้งหมด" en="Sign out all other devices" />
          </button>
        </form>
      ) : null}
    </section>
  );
}
