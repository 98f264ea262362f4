import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { openAPIRouteHandler } from "hono-openapi";
import type { AppEnv } from "./middleware/app-env";
import { AppError, problemResponse } from "./errors";
import { depsMiddleware } from "./middleware/deps";
import { accessControl } from "./middleware/access";
import { secretLinkHeaders, securityHeaders } from "./middleware/security-headers";
import { loadSession } from "./middleware/session";
import { languageMiddleware } from "./middleware/language";
import { registerApi } from "./routes/index";
import { registerPages } from "./routes/pages/index";
import { openApiDocumentation } from "./routes/platform/openapi";
import { errorPage } from "./views/platform/error-page";
import { html } from "./routes/pages/render";

function isHtmlPath(path: string): boolean {
  return !path.startsWith("/api/") && !path.startsWith("/dev/") && path !== "/openapi.json";
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException && error.status === 413) return new AppError("payload_too_large");
  if (error instanceof HTTPException && error.status < 500) {
    return new AppError("invalid_request", error.message || "คำขอไม่ถูกต้อง / Malformed request.", {
      errors: [{ path: "$", message: error.message || "Malformed request" }],
    });
  }
  return new AppError("internal_error", { th: "ระบบขัดข้อง", en: "Something went wrong on our side." });
}

export function createApp() {
  const app = new Hono<AppEnv>();

  app.use(depsMiddleware);
  app.use(languageMiddleware);
  app.use(securityHeaders);
  // Pages reached through an e-mailed secret link: headers set first, so errors carry them too.
  for (const path of ["/approvals/*", "/auth/email/*"]) app.use(path, secretLinkHeaders);
  app.use(loadSession);
  app.use(accessControl);

  registerApi(app);
  registerPages(app);

  app.get("/openapi.json", openAPIRouteHandler(app, { documentation: openApiDocumentation }));

  app.notFound((c) => {
    const error = new AppError("not_found");
    return isHtmlPath(c.req.path) ? html(c, errorPage(error), 404) : problemResponse(error);
  });

  app.onError((err, c) => {
    // Pages redirect (e.g. to the sign-in page) by throwing an HTTPException with a response.
    if (err instanceof HTTPException && err.status >= 300 && err.status < 400) return err.getResponse();
    const error = toAppError(err);
    if (error.code === "internal_error") console.error("unhandled error", c.req.method, c.req.path, err);
    if (isHtmlPath(c.req.path)) {
      for (const [k, v] of Object.entries(error.headers ?? {})) c.header(k, v);
      return html(c, errorPage(error), error.status);
    }
    return problemResponse(error);
  });

  return app;
}
