import { describe, expect, it } from "vitest";
import { classifyCkanAnswer } from "../../src/services/portal/ckan-client";

// CKAN's answers as CKAN 2.12 gave them (recorded against ../shared/ckan's portal on 2026-11-30,
// `help` links left out): the classification provisioning will retry by (issue 13, item 2).

const RECORDED = {
  memberCreated: [
    200,
    {
      success: true,
      result: {
        id: "f5bb",
        table_name: "user",
        table_id: "b623",
        capacity: "editor",
        group_id: "fe66",
        state: "active",
      },
    },
  ],
  memberDeleted: [200, { success: true, result: null }],
  noSuchOrganization: [
    409,
    { error: { id: ["That group name or ID does not exist."], __type: "Validation Error" }, success: false },
  ],
  noSuchUser: [409, { error: { username: ["User not found"], __type: "Validation Error" }, success: false }],
  noSuchRole: [409, { error: { role: ["role does not exist."], __type: "Validation Error" }, success: false }],
  badUser: [
    409,
    {
      error: {
        email: ["Email x is not a valid format"],
        name: ["Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_"],
        __type: "Validation Error",
      },
      success: false,
    },
  ],
  wrongToken: [
    403,
    {
      error: { __type: "Authorization Error", message: "Access denied: User  not authorized to add members" },
      success: false,
    },
  ],
  userShowMissing: [404, { error: { __type: "Not Found Error", message: "Not found" }, success: false }],
  deleteFromMissingOrganization: [
    500,
    { error: { __type: "Internal Server Error", message: "Internal Server Error" }, success: false },
  ],
} as const;

const classify = (name: keyof typeof RECORDED, action = "organization_member_create") =>
  classifyCkanAnswer(action, RECORDED[name][0], RECORDED[name][1]);

describe("CKAN's answers, classified", () => {
  it("success carries the result (a repeated member create or delete succeeds the same)", () => {
    expect(classify("memberCreated")).toMatchObject({ ok: true, result: { capacity: "editor", state: "active" } });
    expect(classify("memberDeleted", "organization_member_delete")).toEqual({ ok: true, result: null });
  });

  it("a missing organization or user is not_found (CKAN says it as a validation error), not retried", () => {
    const org = classify("noSuchOrganization");
    expect(org.ok).toBe(false);
    if (org.ok) return;
    expect(org.error).toMatchObject({ kind: "not_found", missing: "organization", status: 409, retryable: false });
    expect(org.error.message).toContain("That group name or ID does not exist.");
    const user = classify("noSuchUser");
    expect(!user.ok && user.error).toMatchObject({ kind: "not_found", missing: "user" });
    expect(!classify("userShowMissing", "user_show").ok && classify("userShowMissing", "user_show")).toMatchObject({
      error: { kind: "not_found", missing: null, status: 404 },
    });
  });

  it("other validation errors and authorization are for an administrator to fix; 5xx are retried", () => {
    for (const name of ["noSuchRole", "badUser"] as const) {
      const answer = classify(name, name === "badUser" ? "user_create" : undefined);
      expect(!answer.ok && answer.error).toMatchObject({ kind: "validation", retryable: false });
    }
    const badUser = classify("badUser", "user_create");
    expect(!badUser.ok && badUser.error.message).toMatch(/email: Email x is not a valid format; name: Must be/);
    expect(!classify("wrongToken").ok && classify("wrongToken")).toMatchObject({
      error: { kind: "authorization", status: 403, retryable: false },
    });
    expect(classify("deleteFromMissingOrganization", "organization_member_delete")).toMatchObject({
      ok: false,
      error: { kind: "server", status: 500, retryable: true },
    });
  });

  it("an answer that is not CKAN's (a proxy's error page, an empty body) is never success", () => {
    expect(classifyCkanAnswer("member_list", 502, undefined)).toMatchObject({
      ok: false,
      error: { kind: "server", retryable: true },
    });
    expect(classifyCkanAnswer("member_list", 200, undefined)).toMatchObject({
      ok: false,
      error: { kind: "unreachable", retryable: true },
    });
    expect(classifyCkanAnswer("member_list", 200, { success: "yes" })).toMatchObject({ ok: false });
    expect(classifyCkanAnswer("member_list", 500, { success: true, result: [] })).toMatchObject({ ok: false });
  });
});
