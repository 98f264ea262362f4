// The bench's server: `wrangler dev` (workerd + local D1) on loopback, serving bench/floor-worker.ts
// (steward's app plus the floors), with a fresh database migrated and seeded as `npm run dev` does.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const env = { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" };

/** Starts the server on `port`; returns its origin and `stop()` (kills its process group, removes its data). */
export async function startServer(port) {
  const origin = `http://localhost:${port}`;
  // A server left on the port (say, by an interrupted run) would be measured instead of ours.
  const taken = await fetch(origin).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`port ${port} is in use: stop what listens there (an earlier bench?) first`);
  const persist = mkdtempSync(join(tmpdir(), "steward-bench-"));
  const wrangler = (args) => {
    const r = spawnSync("npx", ["wrangler", ...args, "--local", "--persist-to", persist], { env, stdio: "pipe" });
    if (r.status !== 0) throw new Error(r.stderr.toString());
  };
  wrangler(["d1", "migrations", "apply", "DB"]);
  spawnSync("node", ["scripts/seed.mjs", join(persist, "seed.sql")]);
  wrangler(["d1", "execute", "DB", "--file", join(persist, "seed.sql")]);
  const server = spawn(
    "npx",
    [
      "wrangler",
      "dev",
      "bench/floor-worker.ts",
      "--port",
      String(port),
      "--persist-to",
      persist,
      "--var",
      `APP_ORIGIN:${origin}`,
    ],
    { env, detached: true, stdio: "ignore" },
  );
  let exited = false;
  server.on("exit", () => (exited = true));
  const stop = () => {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {}
    rmSync(persist, { recursive: true, force: true });
  };
  // Ctrl-C or a kill must not leave wrangler dev (and its workerd) running.
  for (const signal of ["SIGINT", "SIGTERM"])
    process.once(signal, () => {
      stop();
      process.exit(130);
    });
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${origin}/api/v1/agencies`)).ok) break;
      } catch {}
      if (exited || i > 240) throw new Error("wrangler dev did not start");
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (error) {
    stop();
    throw error;
  }
  return { origin, stop };
}
