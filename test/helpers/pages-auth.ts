import { expect } from "vitest";
import { SESSION_COOKIE } from "./auth-db";
import { codeIn, lastMailTo, type Client } from "./client";
import { open, redirected } from "./pages-forms";

/**
 * Signs `client` in through the sign-in pages, as a person does: the e-mail form, then the
 * code form with the code from the message. Returns where the browser was sent.
 * (Each call is a new start: at most 3 per address per 10 minutes.)
 */
export async function signInByPage(client: Client, email: string, name = ""): Promise<string> {
  const signin = await open(client, "/signin");
  const codePath = redirected(
    await signin.submit(client, "/signin", { email, name }),
    `/signin/code?email=${encodeURIComponent(email)}`,
  );
  const codePage = await open(client, codePath);
  const landing = redirected(await codePage.submit(client, "/signin/code", { code: codeIn(await lastMailTo(email)) }));
  expect(client.cookies.get(SESSION_COOKIE)).toBeTruthy();
  return landing;
}
