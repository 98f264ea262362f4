import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { CkanError, ckanAction, type CkanConnection } from "../../src/services/portal/ckan-client";
import { unique } from "../helpers/fixtures";

// The action calls provisioning will make, against a real CKAN 2.12 (bash ../shared/ckan/ckan-up.sh;
// vitest.config.ts passes its URL and token). Skipped, with a notice, when none runs here.

const url = (env as unknown as Record<string, unknown>).CKAN_TEST_URL as string | undefined;
const token = (env as unknown as Record<string, unknown>).CKAN_TEST_TOKEN as string | undefined;
if (!token)
  console.warn("No CKAN here (bash ../shared/ckan/ckan-up.sh starts one): the CKAN action tests are skipped.");

const ckan: CkanConnection = { url: url ?? "", token: token ?? "", timeoutMs: 10_000 };

async function failureOf(work: Promise<unknown>): Promise<CkanError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CkanError);
  return error as CkanError;
}

describe.skipIf(!token)("CKAN's action API, for real", () => {
  it("makes a user an editor of an organization, twice the same, reads it back, removes it twice the same", async () => {
    const org = unique("org-")
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, "-");
    const name = unique("user-")
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, "-");
    await ckanAction(ckan, "organization_create", { name: org, title: `หน่วยงาน ${org}` });
    const user = (await ckanAction(ckan, "user_create", {
      name,
      email: `${name}@mail.go.th`,
      password: crypto.randomUUID(),
    })) as { id: string };
    for (let i = 0; i < 2; i++)
      expect(
        await ckanAction(ckan, "organization_member_create", { id: org, username: name, role: "editor" }),
      ).toMatchObject({
        capacity: "editor",
        state: "active",
      });
    const members = (await ckanAction(ckan, "member_list", { id: org, object_type: "user" })) as [
      string,
      string,
      string,
    ][];
    expect(members).toContainEqual([user.id, "user", "Editor"]);
    for (let i = 0; i < 2; i++)
      expect(await ckanAction(ckan, "organization_member_delete", { id: org, username: name })).toBeNull();
    const after = (await ckanAction(ckan, "member_list", { id: org, object_type: "user" })) as [
      string,
      string,
      string,
    ][];
    expect(after.map(([id]) => id)).not.toContain(user.id);
  });

  it("a missing organization, a missing user, a bad token: classified, never success", async () => {
    const missingOrg = await failureOf(
      ckanAction(ckan, "organization_member_create", { id: "no-such-org", username: "admin", role: "editor" }),
    );
    expect(missingOrg).toMatchObject({ kind: "not_found", missing: "organization", retryable: false });
    const org = unique("org-")
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, "-");
    await ckanAction(ckan, "organization_create", { name: org, title: org });
    const missingUser = await failureOf(
      ckanAction(ckan, "organization_member_create", { id: org, username: "nobody-here", role: "editor" }),
    );
    expect(missingUser).toMatchObject({ kind: "not_found", missing: "user" });
    const badToken = await failureOf(
      ckanAction({ ...ckan, token: "not-a-token" }, "organization_member_create", {
        id: org,
        username: "admin",
        role: "editor",
      }),
    );
    expect(badToken).toMatchObject({ kind: "authorization", retryable: false });
  });

  it("nothing listening: unreachable, worth a retry", async () => {
    const down = await failureOf(ckanAction({ ...ckan, url: "http://127.0.0.1:9" }, "member_list", { id: "x" }));
    expect(down).toMatchObject({ kind: "unreachable", status: null, retryable: true });
  });
});
