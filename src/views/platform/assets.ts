import { ACCOUNT_EMAIL_SCRIPT } from "../identity/account-email-script";
import { COPY_SECRET_SCRIPT } from "../keys/copy-secret-script";
import { PASSKEY_SCRIPT } from "../identity/passkey-script";
import { CSS } from "./styles";

/**
 * The pages' stylesheet and scripts, served by the worker under /assets/ so that the Content
 * Security Policy needs no inline script or style (and no CDN).
 */
export const ASSETS = {
  "app.css": { type: "text/css; charset=utf-8", body: CSS },
  "passkeys.js": { type: "text/javascript; charset=utf-8", body: PASSKEY_SCRIPT },
  "account-email.js": { type: "text/javascript; charset=utf-8", body: ACCOUNT_EMAIL_SCRIPT },
  "copy-secret.js": { type: "text/javascript; charset=utf-8", body: COPY_SECRET_SCRIPT },
} as const;

export type AssetName = keyof typeof ASSETS;

/** The URL of an asset. */
export function assetPath(name: AssetName): string {
  return `/assets/${name}`;
}
