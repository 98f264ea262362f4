import { isoBase64URL, isoCBOR } from "@simplewebauthn/server/helpers";
import { ORIGIN } from "./client";

type Bytes = Uint8Array<ArrayBuffer>;

/**
 * A software authenticator (ES256, "none" attestation) for the app's own origin, so the whole
 * passkey ceremony can run over HTTP. It plays the browser's part too: it builds the
 * clientDataJSON a browser would for the given origin.
 */
export class SoftAuthenticator {
  /** The signature counter of the last assertion (a cloned authenticator would repeat one). */
  counter = 0;

  private constructor(
    readonly credentialId: string,
    private readonly keys: CryptoKeyPair,
    private readonly cosePublicKey: Bytes,
    private readonly userHandle: string | null = null,
  ) {}

  static async create(): Promise<SoftAuthenticator> {
    const keys = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
      "sign",
      "verify",
    ])) as CryptoKeyPair;
    const jwk = (await crypto.subtle.exportKey("jwk", keys.publicKey)) as JsonWebKey;
    const cose = concat(
      isoCBOR.encode(
        new Map<number, number | Uint8Array>([
          [1, 2], // kty: EC2
          [3, -7], // alg: ES256
          [-1, 1], // crv: P-256
          [-2, isoBase64URL.toBuffer(jwk.x!)],
          [-3, isoBase64URL.toBuffer(jwk.y!)],
        ]),
      ),
    );
    return new SoftAuthenticator(isoBase64URL.fromBuffer(crypto.getRandomValues(new Uint8Array(32))), keys, cose);
  }

  /** A registration response (navigator.credentials.create().toJSON()) to creation options. */
  async register(options: { challenge: string; user?: { id: string } }, origin = ORIGIN) {
    const clientDataJSON = clientData("webauthn.create", options.challenge, origin);
    const credId = isoBase64URL.toBuffer(this.credentialId);
    const authData = concat(
      await rpIdHash(),
      new Uint8Array([0x45]), // UP | UV | AT
      u32(this.counter),
      new Uint8Array(16), // AAGUID
      new Uint8Array([credId.length >> 8, credId.length & 0xff]),
      credId,
      this.cosePublicKey,
    );
    const attestationObject = concat(
      isoCBOR.encode(
        new Map<string, unknown>([
          ["fmt", "none"],
          ["attStmt", new Map()],
          ["authData", authData],
        ]) as never,
      ),
    );
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: "public-key" as const,
      response: {
        clientDataJSON: isoBase64URL.fromBuffer(clientDataJSON),
        attestationObject: isoBase64URL.fromBuffer(attestationObject),
        transports: ["internal"],
      },
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
    };
  }

  /** An authentication response (navigator.credentials.get().toJSON()) to request options. */
  async assert(options: { challenge: string }, origin = ORIGIN) {
    this.counter += 1;
    const clientDataJSON = clientData("webauthn.get", options.challenge, origin);
    const authData = concat(await rpIdHash(), new Uint8Array([0x05]), u32(this.counter)); // UP | UV
    const signed = concat(authData, new Uint8Array(await crypto.subtle.digest("SHA-256", clientDataJSON)));
    const raw = new Uint8Array(
      await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, this.keys.privateKey, signed),
    );
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: "public-key" as const,
      response: {
        clientDataJSON: isoBase64URL.fromBuffer(clientDataJSON),
        authenticatorData: isoBase64URL.fromBuffer(authData),
        signature: isoBase64URL.fromBuffer(derSignature(raw)),
        userHandle: this.userHandle,
      },
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
    };
  }
}

function clientData(type: string, challenge: string, origin: string): Bytes {
  return concat(new TextEncoder().encode(JSON.stringify({ type, challenge, origin, crossOrigin: false })));
}

async function rpIdHash(rpId = "localhost"): Promise<Bytes> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(rpId)));
}

function u32(n: number): Bytes {
  return new Uint8Array([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
}

function concat(...parts: Uint8Array[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** WebCrypto signs ECDSA as r||s; WebAuthn carries an ASN.1 DER SEQUENCE of two INTEGERs. */
function derSignature(raw: Uint8Array): Bytes {
  const int = (bytes: Uint8Array) => {
    let i = 0;
    while (i < bytes.length - 1 && bytes[i] === 0) i++;
    const trimmed = bytes.slice(i);
    const body = trimmed[0]! & 0x80 ? concat(new Uint8Array([0]), trimmed) : trimmed;
    return concat(new Uint8Array([0x02, body.length]), body);
  };
  const seq = concat(int(raw.slice(0, 32)), int(raw.slice(32)));
  return concat(new Uint8Array([0x30, seq.length]), seq);
}
