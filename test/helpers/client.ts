import { createExecutionContext, env } from "cloudflare:test";
import worker from "../../src/index";

export const ORIGIN = "http://localhost:8787";

/**
 * Hands a request to the worker's own fetch handler, in this isolate, with the test bindings
 * and a fresh execution context (its waitUntil work runs on in the background, as in
 * production). Not `exports.default.fetch`: in vitest-pool-workers 0.15 each request through it
 * is slower than the last (200 requests took 3.6 s, the next 200 13.6 s, then 31 s).
 */
export function workerFetch(request: Request): Promise<Response> {
  return Promise.resolve(worker.fetch(request, bindings as never, createExecutionContext()));
}

// The bindings every request of this test file sees: the test environment's, or those with
// a file's own settings (one object, so the worker reads its configuration once).
let bindings: object = env;

/** Adds settings (e.g. CKAN_URL) to every later request of this test file. */
export function useBindings(extra: Record<string, string>): void {
  bindings = { ...env, ...extra };
}

/** The bindings requests see now (for a test's own deps: buildDeps(currentBindings())). */
export function currentBindings(): object {
  return bindings;
}

let ipCounter = 0;

/**
 * A browser-like client of the worker: a cookie jar, same-origin headers on state changes,
 * and its own IP address (so rate limits of one test never touch another).
 */
export class Client {
  readonly cookies = new Map<string, string>();
  readonly ip = `10.0.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

  async fetch(path: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { "cf-connecting-ip": this.ip, ...init.headers };
    const method = (init.method ?? "GET").toUpperCase();
    if (!["GET", "HEAD"].includes(method) && !("origin" in lower(headers)) && !("sec-fetch-site" in lower(headers))) {
      headers.Origin = ORIGIN;
    }
    if (this.cookies.size > 0) headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await workerFetch(new Request(`${ORIGIN}${path}`, { ...init, headers, redirect: "manual" }));
    for (const cookie of (res.headers as unknown as { getSetCookie(): string[] }).getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, ...value] = pair!.split("=");
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(cookie)) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join("="));
    }
    return res;
  }

  json(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return this.fetch(path, {
      method,
      headers: { "Content-Type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  form(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  }
}

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

export interface DevMessage {
  id: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  createdAt: string;
}

export async function mailTo(address: string): Promise<DevMessage[]> {
  const res = await new Client().fetch(`/dev/mail?to=${encodeURIComponent(address)}`);
  return ((await res.json()) as { messages: DevMessage[] }).messages;
}

export async function lastMailTo(address: string): Promise<DevMessage> {
  const [message] = await mailTo(address);
  if (!message) throw new Error(`no mail to ${address}`);
  return message;
}

export function linkIn(message: DevMessage, path: string): string {
  const match = new RegExp(`${ORIGIN}(${path}/[A-Za-z0-9]+)`).exec(message.text);
  if (!match) throw new Error(`no ${path} link in: ${message.text}`);
  return match[1]!;
}

export function codeIn(message: DevMessage): string {
  const match = /\b(\d{6})\b/.exec(message.text);
  if (!match) throw new Error(`no code in: ${message.text}`);
  return match[1]!;
}
