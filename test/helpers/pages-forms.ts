import { expect } from "vitest";
import type { Client } from "./client";

/**
 * Reading pages the way a browser does: the HTML forms of a page, their field names and the
 * values a browser would send by default (hidden fields, the selected option, checked boxes).
 * Posting a field the form does not have fails the test, so a renamed field breaks it.
 */

export interface PageForm {
  /** The form's action, or null when it posts back to the page itself. */
  action: string | null;
  method: string;
  /** What a browser sends without the user touching anything. */
  defaults: Record<string, string>;
  /** Text-like fields, selects, textareas and submit buttons: any value may be typed. */
  free: Set<string>;
  /** Radio buttons, checkboxes and select options: only these (enabled) values exist. */
  choices: Map<string, Set<string>>;
}

const ENTITIES: Record<string, string> = { "&quot;": '"', "&#39;": "'", "&lt;": "<", "&gt;": ">", "&amp;": "&" };
export const decodeHtml = (s: string) => s.replace(/&(?:quot|#39|lt|gt|amp);/g, (e) => ENTITIES[e]!);

function attrsOf(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const inner = tag.replace(/^<[a-z]+/i, "").replace(/\/?>$/, "");
  for (const m of inner.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?/g))
    out[m[1]!.toLowerCase()] = decodeHtml(m[2] ?? "");
  return out;
}

function choice(form: PageForm, name: string, value: string) {
  if (!form.choices.has(name)) form.choices.set(name, new Set());
  form.choices.get(name)!.add(value);
}

function parseForm(open: string, body: string): PageForm {
  const a = attrsOf(open);
  const form: PageForm = {
    action: a.action ?? null,
    method: (a.method ?? "get").toLowerCase(),
    defaults: {},
    free: new Set(),
    choices: new Map(),
  };
  for (const [tag] of body.matchAll(/<input\b[^>]*>/g)) {
    const f = attrsOf(tag);
    const type = (f.type ?? "text").toLowerCase();
    if (!f.name || "disabled" in f || type === "button" || type === "reset") continue;
    if (type === "radio" || type === "checkbox") {
      choice(form, f.name, f.value ?? "on");
      if ("checked" in f) form.defaults[f.name] = f.value ?? "on";
    } else {
      if (type !== "hidden" && type !== "submit") form.free.add(f.name);
      if (type !== "submit") form.defaults[f.name] = f.value ?? "";
    }
  }
  for (const m of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const f = attrsOf(`<textarea${m[1]}>`);
    if (!f.name || "disabled" in f) continue;
    form.free.add(f.name);
    form.defaults[f.name] = decodeHtml(m[2]!);
  }
  for (const m of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const f = attrsOf(`<select${m[1]}>`);
    if (!f.name || "disabled" in f) continue;
    const options = [...m[2]!.matchAll(/<option\b[^>]*>/g)].map(([t]) => attrsOf(t));
    for (const o of options) if (!("disabled" in o)) choice(form, f.name, o.value ?? "");
    const selected = options.find((o) => "selected" in o) ?? options[0];
    if (selected) form.defaults[f.name] = selected.value ?? "";
  }
  for (const [tag] of body.matchAll(/<button\b[^>]*>/g)) {
    const f = attrsOf(tag);
    if (f.name && (f.type ?? "submit") === "submit") choice(form, f.name, f.value ?? "");
  }
  return form;
}

/** Every form of a page. */
export function formsOf(html: string): PageForm[] {
  return [...html.matchAll(/(<form\b[^>]*>)([\s\S]*?)<\/form>/g)].map((m) => parseForm(m[1]!, m[2]!));
}

/** A page as a browser holds it: where it is, its status, headers and HTML. */
export class Page {
  constructor(
    readonly path: string,
    readonly status: number,
    readonly headers: Headers,
    readonly html: string,
  ) {}

  /** The POST form whose action is this path (null: the form that posts back to the page). */
  form(action: string | null): PageForm {
    const forms = formsOf(this.html).filter((f) => f.method === "post" && f.action === action);
    expect(
      forms.length,
      `a POST form to ${action ?? "(this page)"} on ${this.path}; forms: ${formsOf(this.html)
        .map((f) => f.action)
        .join(", ")}`,
    ).toBeGreaterThan(0);
    return forms[0]!;
  }

  has(action: string): boolean {
    return formsOf(this.html).some((f) => f.method === "post" && f.action === action);
  }

  /** Fills in the form and posts it, like pressing its button; unknown fields or choices fail. */
  submit(client: Client, action: string | null, values: Record<string, string> = {}): Promise<Response> {
    const form = this.form(action);
    for (const [name, value] of Object.entries(values)) {
      const allowed = form.choices.get(name);
      if (allowed && !form.free.has(name))
        expect([...allowed], `value of ${name} in the form to ${action}`).toContain(value);
      else expect(form.free.has(name) || name in form.defaults, `field ${name} in the form to ${action}`).toBe(true);
    }
    return client.form(form.action ?? this.path, { ...form.defaults, ...values });
  }
}

/** Reads a response as an HTML page with the expected status. */
export async function asPage(path: string, res: Response, status = 200): Promise<Page> {
  const html = await res.text();
  expect(res.status, `${path}: ${html.slice(0, 600)}`).toBe(status);
  expect(res.headers.get("content-type") ?? "").toMatch(/^text\/html/);
  return new Page(path, res.status, res.headers, html);
}

/** GETs a page as the client (200 expected by default). */
export async function open(client: Client, path: string, status = 200): Promise<Page> {
  return asPage(path, await client.fetch(path), status);
}

/** A 303 redirect: returns its Location (checked against `to` when given). */
export function redirected(res: Response, to?: string | RegExp): string {
  expect(res.status, `expected 303, got ${res.status}`).toBe(303);
  const location = res.headers.get("location") ?? "";
  if (typeof to === "string") expect(location).toBe(to);
  else if (to) expect(location).toMatch(to);
  return location;
}

/** The visible text of a page, tags removed and spaces collapsed, for "shows X" checks. */
export function textOf(html: string): string {
  return decodeHtml(html.replace(/<script[\s\S]*?<\/script>/g, " ").replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");
}
