import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { inject } from "vitest";
import { CHROMIUM } from "./global-setup";

export const origin = inject("e2eOrigin");

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // This machine has no outside network: keep Chromium from trying.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A mailbox read through the development endpoint, as a person reads their mail. */
export async function lastMail(to: string): Promise<{ text: string; subject: string }> {
  const res = await fetch(`${origin}/dev/mail?to=${encodeURIComponent(to)}`);
  const { messages } = (await res.json()) as { messages: { text: string; subject: string }[] };
  if (!messages[0]) throw new Error(`no mail to ${to}`);
  return messages[0];
}

export function codeIn(text: string): string {
  return /\b(\d{6})\b/.exec(text)![1]!;
}

/** Signs in through the pages with an e-mailed code, as an official would. */
export async function signInByEmail(page: Page, email: string): Promise<void> {
  await page.goto(`${origin}/signin`);
  await page.fill('input[name="email"]', email);
  await page.click('form[action="/signin"] button[type="submit"]');
  await page.waitForURL(/\/signin\/code/);
  await page.fill('input[name="code"]', codeIn((await lastMail(email)).text));
  await page.click('form[action="/signin/code"] button[type="submit"]');
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
}

/** A browser context of a Thai official: its browser asks for Thai (pages follow Accept-Language). */
export async function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ baseURL: origin ?? undefined, locale: "th-TH" });
}

let counter = 0;
export const uniqueEmail = (domain = "dga.or.th") => `e2e${Date.now().toString(36)}${++counter}@${domain}`;
