// Load generation and its figures: `concurrency` loops send `requests` requests in all.

/**
 * Sends `requests` requests, `concurrency` at a time; `send(i)` makes the i-th and resolves to its
 * answer's code. Returns requests per second, latency percentiles (ms) and the count per code.
 */
export async function load({ requests, concurrency, send }) {
  const latencies = [];
  const codes = new Map();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        const i = next++;
        const t = performance.now();
        const code = await send(i);
        latencies.push(performance.now() - t);
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const p = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { n: latencies.length, rps: latencies.length / seconds, p50: p(0.5), p95: p(0.95), p99: p(0.99), codes };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Several runs of one series as one: the median of each figure, the codes summed. */
export function combine(runs) {
  const codes = new Map();
  for (const r of runs) for (const [c, n] of r.codes) codes.set(c, (codes.get(c) ?? 0) + n);
  return {
    n: runs.reduce((s, r) => s + r.n, 0),
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p95: median(runs.map((r) => r.p95)),
    p99: median(runs.map((r) => r.p99)),
    codes,
  };
}

/** One line of the results table. */
export function line(label, r) {
  const answers = [...r.codes].map(([c, n]) => `${c} ${n}`).join(", ");
  return `${label.padEnd(28)} ${String(r.n).padStart(6)} req ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(2)}  p95 ${r.p95.toFixed(2)}  p99 ${r.p99.toFixed(2)} ms  (${answers})`;
}
