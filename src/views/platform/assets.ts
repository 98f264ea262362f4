import { ACCOUNT_EMAIL_SCRIPT } from "../identity/account-email-script";
import { COPY_SECRET_SCRIPT } from "../keys/copy-secret-script";
import { PASSKEY_SCRIPT } from "../identity/passkey-script";
import { CSS } from "./styles";
import { MENU_SCRIPT } from "./menu-script";
import { SUBMIT_ONCE_SCRIPT } from "./submit-once-script";
import { ERROR_SUMMARY_SCRIPT } from "./error-summary-script";
import { APPLY_SCRIPT } from "../applications/apply-script";
import { SARABUN_THAI_WOFF2 } from "./fonts.generated";

function bytes(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
}

/**
 * The pages' stylesheet and scripts, served by the worker under /assets/ so that the Content
 * Security Policy needs no inline script or style (and no CDN), and the Thai web font.
 */
export const ASSETS = {
  "app.css": { type: "text/css; charset=utf-8", body: CSS },
  "passkeys.js": { type: "text/javascript; charset=utf-8", body: PASSKEY_SCRIPT },
  "account-email.js": { type: "text/javascript; charset=utf-8", body: ACCOUNT_EMAIL_SCRIPT },
  "copy-secret.js": { type: "text/javascript; charset=utf-8", body: COPY_SECRET_SCRIPT },
  "menu.js": { type: "text/javascript; charset=utf-8", body: MENU_SCRIPT },
  "submit-once.js": { type: "text/javascript; charset=utf-8", body: SUBMIT_ONCE_SCRIPT },
  "error-summary.js": { type: "text/javascript; charset=utf-8", body: ERROR_SUMMARY_SCRIPT },
  "apply.js": { type: "text/javascript; charset=utf-8", body: APPLY_SCRIPT },
  // Sarabun (SIL OFL 1.1), Thai glyphs only (the stylesheet's unicode-range): the worker serves
  // the Thai face itself, so pages need no font CDN and render alike on every phone.
  "sarabun-thai-400.woff2": { type: "font/woff2", body: bytes(SARABUN_THAI_WOFF2[400]) },
  "sarabun-thai-700.woff2": { type: "font/woff2", body: bytes(SARABUN_THAI_WOFF2[700]) },
} as const satisfies Record<string, { type: string; body: string | Uint8Array }>;

export type AssetName = keyof typeof ASSETS;

/** The URL of an asset. */
export function assetPath(name: AssetName): string {
  return `/assets/${name}`;
}
