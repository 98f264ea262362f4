import { createExecutionContext, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { Client, ORIGIN } from "../helpers/client";
import { createAgency, official } from "../helpers/fixtures";

// Rule (issue 7.13): pages carry a CSP that allows no inline script, frame-ancestors 'none',
// nosniff and a Referrer-Policy; HSTS everywhere but local development.

const PAGES = ["/signin", "/terms", "/apply", "/applications", "/keys", "/account"];

describe("security headers of the pages", () => {
  it.each(PAGES)("%s: CSP without inline script or style, no framing, nosniff, no referrer", async (path) => {
    const { client } = await official(await createAgency());
    const res = await client.fetch(path);
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/style-src 'self'(;|$)/);
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    // No HSTS on http://localhost (development): it would pin the browser to https.
    expect(res.headers.get("strict-transport-security")).toBeNull();
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style/);
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toMatch(/\son[a-z]+="/);
  });

  it("serves the stylesheet and scripts the pages use, and nothing else under /assets", async () => {
    const html = await (await new Client().fetch("/signin")).text();
    const assets = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual(expect.arrayContaining(["/assets/app.css", "/assets/passkeys.js"]));
    for (const path of assets) {
      const res = await new Client().fetch(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/(css|javascript)/);
    }
    for (const path of ["/assets/constructor", "/assets/__proto__", "/assets/nope.js"])
      expect((await new Client().fetch(path)).status, path).toBe(404);
  });

  it("sends HSTS outside development", async () => {
    const production = { ...env, ENVIRONMENT: "production" };
    const res = await worker.fetch(new Request(`${ORIGIN}/signin`), production as never, createExecutionContext());
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("JSON answers and errors carry them too", async () => {
    const res = await new Client().fetch("/api/v1/me");
    expect(res.status).toBe(401);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
  });
});
