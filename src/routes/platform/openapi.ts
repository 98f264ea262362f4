/** The static part of /openapi.json; paths and schemas come from the routes' valibot schemas. */
export const openApiDocumentation = {
  openapi: "3.1.0",
  info: {
    title: "steward API",
    version: "1.0.0",
    description:
      "ระบบสมัครและอนุมัติผู้ดูแลข้อมูล (Data Steward) ของ Data.go.th. Membership and data-steward approval for Data.go.th. " +
      "Errors are RFC 9457 problem details (application/problem+json). State-changing requests must be same-origin " +
      "(Sec-Fetch-Site: same-origin or Origin equal to the app's origin), except POST /api/v1/keys/verify.",
  },
  components: {
    securitySchemes: {
      sessionCookie: {
        type: "apiKey" as const,
        in: "cookie" as const,
        name: "steward_session",
        description: "`__Host-steward_session` outside development",
      },
      gatewaySecret: { type: "http" as const, scheme: "bearer", description: "The API gateway's shared secret" },
      gatewaySecretHeader: {
        type: "apiKey" as const,
        in: "header" as const,
        name: "X-Steward-Gateway-Secret",
        description: "The API gateway's shared secret in its own header (where Authorization is the client's)",
      },
      webhookSignature: {
        type: "apiKey" as const,
        in: "header" as const,
        name: "svix-signature",
        description:
          "Standard Webhooks / Svix signature: HMAC-SHA256 of `svix-id.svix-timestamp.body` with the endpoint's signing secret (with `svix-id` and `svix-timestamp`, at most 5 minutes old)",
      },
    },
  },
};
