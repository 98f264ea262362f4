import { describe, expect, it } from "vitest";
import { createAgency } from "../helpers/fixtures";
import { applicant, steward, verify } from "../helpers/flow-approval";
import { open, redirected, textOf } from "../helpers/pages-forms";
import { rows, snapshot } from "../helpers/db";

// The keys page without surprises: Post/Redirect/Get (a refresh never makes a key, the secret
// is shown once), delete asks first, and a rotated key says it is being replaced.

const secretIn = (html: string) => /id="new-secret"[^>]*value="([^"]+)"/.exec(html)?.[1] ?? null;
const count = async (userId: string) =>
  Number((await rows("SELECT count(*) AS n FROM api_keys WHERE user_id = ?", userId))[0]!.n);

describe("creating and rotating keys from the page", () => {
  it("a refresh after creating a key shows nothing new and makes no key", async () => {
    const s = await steward(await createAgency());
    const location = redirected(
      await s.client.form("/keys", { name: "ระบบนำเข้า", scope: "read" }),
      "/keys?done=created",
    );
    expect(await count(s.userId)).toBe(1);
    const first = await open(s.client, location);
    const secret = secretIn(first.html);
    expect(secret).toMatch(/^stw_dev_/);
    expect((await verify(secret!)).body.code).toBe("VALID");
    // The browser's refresh: the same GET again.
    const again = await open(s.client, location);
    expect(secretIn(again.html)).toBeNull();
    expect(again.html).not.toContain(secret!);
    expect(await count(s.userId)).toBe(1);
  });

  it("a secret left in the browser is never shown to another account", async () => {
    const agency = await createAgency();
    const owner = await steward(agency);
    redirected(await owner.client.form("/keys", { name: "ของเจ้าของ", scope: "read" }));
    const stranger = await applicant(agency);
    // The stranger's browser carries the owner's unread cookie (a shared computer).
    for (const [name, value] of owner.client.cookies)
      if (name === "steward_new_key") stranger.client.cookies.set(name, value);
    const page = await open(stranger.client, "/keys?done=created");
    expect(secretIn(page.html)).toBeNull();
  });

  it("rotation redirects too; the old key says it is being replaced and the new one that it is new", async () => {
    const s = await steward(await createAgency());
    redirected(await s.client.form("/keys", { name: "ชุดข้อมูล", scope: "read" }));
    await open(s.client, "/keys");
    const [key] = await rows("SELECT id FROM api_keys WHERE user_id = ?", s.userId);
    const location = redirected(
      await s.client.form(`/keys/${key!.id}/rotate`, { graceSeconds: "3600" }),
      "/keys?done=rotated",
    );
    const page = await open(s.client, location);
    expect(secretIn(page.html)).toMatch(/^stw_dev_/);
    expect(await count(s.userId)).toBe(2);
    const text = textOf(page.html);
    expect(text).toContain("กำลังถูกแทนที่");
    expect(page.html).toContain('<span class="badge ok">ใหม่</span>');
    expect(page.html).toContain('<span class="badge waiting">อยู่ในช่วงเปลี่ยนกุญแจ</span>');
  });
});

describe("deleting a key", () => {
  it("asks first on its own page; the POST deletes and the list shows a banner", async () => {
    const s = await steward(await createAgency());
    redirected(await s.client.form("/keys", { name: "ลบได้", scope: "read" }));
    const secret = secretIn((await open(s.client, "/keys")).html)!;
    const [key] = await rows("SELECT id FROM api_keys WHERE user_id = ?", s.userId);
    const list = await open(s.client, "/keys");
    expect(list.html).toContain(`href="/keys/${key!.id}/delete"`);
    expect(list.has(`/keys/${key!.id}/delete`)).toBe(false); // a link, not a one-click form
    const confirm = await open(s.client, `/keys/${key!.id}/delete`);
    expect((await verify(secret)).body.code).toBe("VALID");
    const done = redirected(await confirm.submit(s.client, `/keys/${key!.id}/delete`), "/keys?done=deleted");
    expect(textOf((await open(s.client, done)).html)).toContain("ลบกุญแจแล้ว");
    expect((await verify(secret)).body.code).toBe("REVOKED");
    await open(s.client, `/keys/${key!.id}/delete`, 409);
  });

  it("another user's key: the confirmation page and the delete are 404 and change nothing", async () => {
    const agency = await createAgency();
    const owner = await steward(agency);
    redirected(await owner.client.form("/keys", { name: "k", scope: "read" }));
    const [key] = await rows("SELECT id FROM api_keys WHERE user_id = ?", owner.userId);
    const stranger = await applicant(agency);
    const before = await snapshot();
    await open(stranger.client, `/keys/${key!.id}/delete`, 404);
    expect((await stranger.client.form(`/keys/${key!.id}/delete`, {})).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });
});

describe("what the keys page will not do", () => {
  it("an unknown or inherited ?done= shows no banner and no error", async () => {
    const s = await steward(await createAgency());
    for (const done of ["constructor", "__proto__", "toString", "nope"]) {
      const page = await open(s.client, `/keys?done=${done}`);
      expect(page.html, done).not.toContain('class="notice success"');
      await open(s.client, `/applications/${s.applicationId}?done=${done}`);
    }
  });

  it("shows no secret from a cookie naming a key that no longer works, and refuses to delete such a key", async () => {
    const s = await steward(await createAgency());
    redirected(await s.client.form("/keys", { name: "เก่า", scope: "read" }));
    await open(s.client, "/keys");
    const [key] = await rows("SELECT id FROM api_keys WHERE user_id = ?", s.userId);
    redirected(await (await open(s.client, `/keys/${key!.id}/delete`)).submit(s.client, `/keys/${key!.id}/delete`));
    const forged = btoa(JSON.stringify({ keyId: key!.id, name: "x", secret: "FORGED-TEXT" }));
    s.client.cookies.set("steward_new_key", forged);
    expect((await open(s.client, "/keys")).html).not.toContain("FORGED-TEXT");
    expect((await s.client.form(`/keys/${key!.id}/delete`, {})).status).toBe(409);
  });

  it("after two rotations only the newest working key is New, and a deleted one is not", async () => {
    const s = await steward(await createAgency());
    redirected(await s.client.form("/keys", { name: "โซ่", scope: "read" }));
    await open(s.client, "/keys");
    const id = async () =>
      String(
        (
          await rows("SELECT id FROM api_keys WHERE user_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1", s.userId)
        )[0]!.id,
      );
    const a = await id();
    redirected(await s.client.form(`/keys/${a}/rotate`, { graceSeconds: "3600" }));
    await open(s.client, "/keys");
    const b = await id();
    redirected(await s.client.form(`/keys/${b}/rotate`, { graceSeconds: "3600" }));
    const page = await open(s.client, "/keys");
    const c = await id();
    const rowOf = (keyId: string) => {
      const html = page.html;
      const at = html.indexOf(`/keys/${keyId}/delete`);
      const start = html.lastIndexOf("<tr>", at);
      return textOf(html.slice(start, html.indexOf("</tr>", at)));
    };
    expect(rowOf(c)).toContain("ใหม่");
    expect(rowOf(b)).not.toContain("ใหม่");
    expect(rowOf(b)).toContain("กำลังถูกแทนที่");
  });
});
