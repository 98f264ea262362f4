import type { Context } from "hono";
import type { AppEnv } from "./app-env";
import { AppError } from "../errors";

/** The largest request body any route takes (CONTRACT: 413 above 64 KiB). */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * How much of an oversized chunked body is read and dropped before giving up on the rest; in
 * development all of it (only `wrangler dev` needs it, and nobody else sends to it).
 */
const MAX_DRAIN_BYTES = 8 * 1024 * 1024;

function tooLarge(): AppError {
  return new AppError("payload_too_large", { th: "ข้อมูลเกิน 64 KiB", en: "The request body is over 64 KiB." });
}

/**
 * Refuses a body over `MAX_BODY_BYTES` with 413 `payload_too_large`; a body within the limit is
 * buffered so that later readers see it whole.
 *
 * Unlike `hono/body-limit`, an oversized chunked body is read to its end (up to 8 MiB outside
 * development) before the 413: `wrangler dev`'s proxy leaves a keep-alive connection hanging for minutes when a
 * worker answers while a body it started to read is still arriving.
 */
export async function limitBody(c: Context<AppEnv>): Promise<void> {
  const body = c.req.raw.body;
  if (!body) return;
  const declared = c.req.header("content-length");
  if (declared !== undefined && !c.req.header("transfer-encoding")) {
    if (Number(declared) > MAX_BODY_BYTES) throw tooLarge();
    return;
  }
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await drain(
        reader,
        size,
        c.var.deps.config.environment === "development" ? Number.POSITIVE_INFINITY : MAX_DRAIN_BYTES,
      );
      throw tooLarge();
    }
    chunks.push(value);
  }
  const whole = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  c.req.raw = new Request(c.req.raw, { body: whole });
}

async function drain(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  alreadyRead: number,
  limit: number,
): Promise<void> {
  let read = alreadyRead;
  try {
    while (read < limit) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // The client went away: nothing left to drain.
  }
}
