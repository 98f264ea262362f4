import { Hono } from "hono";
import type { AppEnv } from "../../../middleware/app-env";
import { AppError } from "../../../errors";
import { ASSETS } from "../../../views/platform/assets";

/** The pages' stylesheet and scripts (see src/views/assets.ts). */
export const assetPages = new Hono<AppEnv>();

assetPages.get("/assets/:name", (c) => {
  const name = c.req.param("name");
  if (!Object.hasOwn(ASSETS, name)) throw new AppError("not_found");
  const asset = ASSETS[name as keyof typeof ASSETS];
  return c.body(asset.body as string | Uint8Array<ArrayBuffer>, 200, {
    "Content-Type": asset.type,
    "Cache-Control": "public, max-age=300",
  });
});
