import * as v from "valibot";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../../middleware/app-env";
import type { User } from "../../db/schema";
import { AppError } from "../../errors";
import type { LayoutUser } from "../../views/platform/layout";

/** The signed-in user of a page, or a redirect to the sign-in page. */
export function pageUser(c: Context<AppEnv>): User {
  const session = c.var.session;
  if (!session) throw new HTTPException(303, { res: c.redirect("/signin", 303) });
  return session.user;
}

export function layoutUser(user: User): LayoutUser {
  return { name: user.name, email: user.email, isAdmin: user.isAdmin };
}

/**
 * A posted form, urlencoded or multipart. A body the browser could not have sent (multipart
 * without a boundary, or cut short) is 400 `invalid_request`, not a server error.
 */
export async function formBody(c: Context<AppEnv>): Promise<Record<string, string | File>> {
  try {
    const body = await c.req.parseBody();
    return body as Record<string, string | File>;
  } catch {
    throw new AppError("invalid_request", {
      th: "แบบฟอร์มไม่สมบูรณ์ กรุณาส่งใหม่",
      en: "The form arrived incomplete; please send it again.",
    });
  }
}

/** The string fields of a posted form (see formBody). */
export async function formFields(c: Context<AppEnv>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(await formBody(c))) if (typeof v === "string") out[k] = v;
  return out;
}

/** Runs an action; an AppError becomes a message for the page instead of an error page. */
export async function attempt<T>(
  action: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: AppError }> {
  try {
    return { ok: true, value: await action() };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error };
    throw error;
  }
}

/** Checks a posted form with the JSON API's own schema; a failure is an AppError for the page. */
export function parseForm<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
): { ok: true; value: v.InferOutput<S> } | { ok: false; error: AppError } {
  const result = v.safeParse(schema, input);
  if (result.success) return { ok: true, value: result.output };
  const errors = result.issues.map((issue) => ({
    path: v.getDotPath(issue) ?? "$",
    message: issue.input === "" || issue.input === undefined ? "ต้องกรอก / required" : issue.message,
  }));
  return {
    ok: false,
    error: new AppError("invalid_request", { th: "กรุณาตรวจสอบข้อมูลที่กรอก", en: "Please check the form." }, { errors }),
  };
}

/**
 * The banner of a done action named by `?done=`, from the page's own table: a name the table
 * does not hold (`constructor`, `__proto__`, anything) shows none.
 */
export function doneOf<T>(c: Context<AppEnv>, table: Readonly<Record<string, T>>): T | null {
  const key = c.req.query("done") ?? "";
  return Object.hasOwn(table, key) ? table[key]! : null;
}
