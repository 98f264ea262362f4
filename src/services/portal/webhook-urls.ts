import { AppError } from "../../errors";
import type { Environment } from "../../env";

// Where a webhook endpoint may point: absolute https (http only outside production), no
// credentials or fragment, no control characters, and in production not this machine or a
// private network.

/** The longest URL accepted (characters). */
export const MAX_WEBHOOK_URL = 2000;
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007F-\u009F\u2028\u2029]/;

/**
 * Why `url` cannot receive events, or null when it can: absolute `https:` (plain `http:` only
 * outside production, for loopback receivers in development and tests), no user name or password
 * (a credential in a URL ends up in logs), no fragment (never sent), no white space or control
 * characters, at most 2,000 characters.
 */
export function webhookUrlProblem(url: string, environment: Environment): string | null {
  if (url.length > MAX_WEBHOOK_URL) return `ยาวเกิน ${MAX_WEBHOOK_URL} ตัวอักษร / at most ${MAX_WEBHOOK_URL} characters`;
  if (CONTROL_OR_SPACE.test(url)) return "มีช่องว่างหรืออักขระควบคุม / contains spaces or control characters";
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "ไม่ใช่ URL ที่สมบูรณ์ / not an absolute URL";
  }
  const http = parsed.protocol === "http:" && environment !== "production";
  if (parsed.protocol !== "https:" && !http) return "ต้องขึ้นต้นด้วย https:// / must be https://";
  if (parsed.username || parsed.password) return "ห้ามมีชื่อผู้ใช้หรือรหัสผ่านใน URL / no user name or password in the URL";
  if (url.includes("#")) return "ห้ามมีส่วน # ใน URL / no #fragment";
  if (!parsed.hostname) return "ไม่มีชื่อโฮสต์ / no host name";
  if (environment === "production" && isPrivateHost(parsed.hostname))
    return "ห้ามใช้ที่อยู่ภายในเครื่องหรือเครือข่ายภายใน / not a loopback or private network address";
  return null;
}

/**
 * Whether `hostname` (as URL parses it) names this machine or a private network: `localhost`,
 * and IP literals in loopback, private, link-local, carrier-grade NAT or unspecified ranges
 * (RFC 1918, RFC 6598, RFC 3927, RFC 4193, RFC 4291). A host name that resolves there is not
 * caught here: Workers do not reach private networks in production.
 */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  const v4 = host.match(/^(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (!host.includes(":")) return false;
  return host === "::" || host === "::1" || /^f[cd]/.test(host) || /^fe[89ab]/.test(host) || host.startsWith("::ffff:");
}

export function checkUrl(url: string, environment: Environment): string {
  const problem = webhookUrlProblem(url, environment);
  if (problem)
    throw new AppError(
      "invalid_request",
      { th: "URL ของปลายทางใช้ไม่ได้", en: "The endpoint's URL cannot be used." },
      { errors: [{ path: "url", message: problem }] },
    );
  return url;
}
