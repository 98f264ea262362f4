export const OIDC_PORT = 9781;
export const OIDC_ISSUER = `http://127.0.0.1:${OIDC_PORT}`;

// The worker's OIDC configuration in tests, as OIDC_PROVIDERS and its secrets would hold it.
export const OIDC_TEST_PROVIDERS = [
  { id: "dga-digital-id", nameTh: "ดิจิทัลไอดี สพร.", nameEn: "DGA Digital ID", issuer: OIDC_ISSUER, clientId: "steward-basic", scopes: ["profile", "email"], tokenEndpointAuthMethod: "client_secret_basic" },
  { id: "thaid", nameTh: "ไทยดี", nameEn: "ThaID", issuer: OIDC_ISSUER, clientId: "steward-post", scopes: ["profile"], tokenEndpointAuthMethod: "client_secret_post" },
  { id: "short-codes", nameTh: "รหัสอายุสั้น", nameEn: "Short-lived codes", issuer: OIDC_ISSUER, clientId: "steward-short", scopes: ["profile"], tokenEndpointAuthMethod: "client_secret_basic" },
  // The same provider under another spelling of its issuer: discovery must refuse it.
  { id: "wrong-issuer", nameTh: "ผู้ออกผิด", nameEn: "Wrong issuer", issuer: `http://localhost:${OIDC_PORT}`, clientId: "steward-basic", scopes: [], tokenEndpointAuthMethod: "client_secret_basic" },
  { id: "unreachable", nameTh: "ติดต่อไม่ได้", nameEn: "Unreachable", issuer: "http://127.0.0.1:9", clientId: "x", scopes: [], tokenEndpointAuthMethod: "client_secret_basic" },
] as const;

export const OIDC_TEST_SECRETS = {
  OIDC_CLIENT_SECRET_DGA_DIGITAL_ID: "secret-basic",
  OIDC_CLIENT_SECRET_THAID: "secret-post",
  OIDC_CLIENT_SECRET_SHORT_CODES: "secret-short",
};
