import http from "node:http";
import { describe, expect, it } from "vitest";
import { origin } from "./browser";

// Issue 7.15, against `wrangler dev` itself: after a chunked body over 64 KiB was refused with
// 413, the next request on the same keep-alive connection used to hang for about 300 s.

function request(
  agent: http.Agent,
  options: http.RequestOptions,
  body?: string,
): Promise<{ status: number; text: string }> {
  const url = new URL(origin!);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, agent, ...options }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode!, text }));
    });
    req.on("error", reject);
    req.setTimeout(10_000, () => req.destroy(new Error("no answer within 10 s")));
    if (body) for (let i = 0; i < body.length; i += 4096) req.write(body.slice(i, i + 4096));
    req.end();
  });
}

describe.skipIf(!origin)("the development server", () => {
  it("answers the next request on a keep-alive connection after refusing a chunked body with 413", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const big = JSON.stringify({ email: "x@dga.or.th", name: "a".repeat(75 * 1024) });
      const refused = await request(
        agent,
        {
          method: "POST",
          path: "/api/v1/auth/email/start",
          headers: { "Content-Type": "application/json", Origin: origin!, "Transfer-Encoding": "chunked" },
        },
        big,
      );
      expect(refused.status).toBe(413);
      const next = await request(agent, { method: "GET", path: "/api/v1/agencies" });
      expect(next.status).toBe(200);
    } finally {
      agent.destroy();
    }
  });
});
