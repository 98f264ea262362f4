import * as v from "valibot";
import { singleLine } from "../../lib/fields";
import { isoDate } from "../atoms";

// The platform area's request and response schemas: validation and /openapi.json come from these.

export const DevMailQuery = v.object({ to: v.optional(singleLine(254, { optional: true })) });
export const DevMessageJson = v.object({
  id: v.string(),
  to: v.array(v.string()),
  subject: v.string(),
  text: v.string(),
  html: v.string(),
  status: v.string(),
  createdAt: isoDate,
});
export const DevMailList = v.object({ messages: v.array(DevMessageJson) });
export const DevClockBody = v.object({
  offsetSeconds: v.pipe(v.number(), v.finite(), v.minValue(-3153600000), v.maxValue(3153600000)),
});
