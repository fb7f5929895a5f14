/** A destruction certificate as the approval of a purge answers it (and as the centre saves it to a file). */
export type Certificate = {
  recordId: string;
  lastVersion: number;
  destroyedAt: string;
  reason?: string;
  requestedBy?: string;
  approvedBy?: string;
  purgeRequest?: string;
  paperCopies?: { location: string; custodian: string; destroyBy: string }[];
  retentionRun?: string;
};

/** The answer of POST /purge-requests/{rid}/approve, which is also the certificate file's content. */
export type CertifiedDestruction = { certificate: Certificate; signedCertificate: string };

/** A public key of the realm's key set (JWKS), as /protocol/openid-connect/certs lists it. */
export type Jwk = { kid?: string; kty?: string; alg?: string; use?: string; n?: string; e?: string };

export type Verification =
  | { verified: true; kid: string; certificate: Certificate; matchesCopy: boolean }
  | { verified: false; why: "format" | "alg" | "key" | "signature" };

function base64UrlBytes(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(text.length / 4) * 4, "=");
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

function jsonOf(part: string): unknown {
  return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(base64UrlBytes(part)));
}

/** Whether two JSON values are the same, whatever the order of their members. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const left = a as Record<string, unknown>;
    const right = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    return [...keys].every((k) => sameJson(left[k] ?? null, right[k] ?? null));
  }
  return a === b;
}

/** The signed certificate of a file's text: the centre's JSON file, or a bare compact JWS. */
export function certificateFile(text: string): { signed: string; copy?: unknown } | undefined {
  const trimmed = text.trim();
  if (/^[\w-]+\.[\w-]+\.[\w-]+$/.test(trimmed)) {
    return { signed: trimmed };
  }
  try {
    const parsed = JSON.parse(trimmed) as Partial<CertifiedDestruction>;
    return typeof parsed?.signedCertificate === "string" ? { signed: parsed.signedCertificate, copy: parsed.certificate } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks a signed certificate (a compact RS256 JWS) with the realm's public keys alone, as anyone holding it can away
 * from the server: the key named by the header's kid, the signature over header and payload. Also says whether the
 * readable copy beside it, if any, is what was signed.
 */
export async function verifyCertificate(signed: string, keys: Jwk[], copy?: unknown): Promise<Verification> {
  const parts = signed.split(".");
  if (parts.length !== 3) {
    return { verified: false, why: "format" };
  }
  let header: { alg?: string; kid?: string };
  let payload: Certificate;
  try {
    header = jsonOf(parts[0]) as { alg?: string; kid?: string };
    payload = jsonOf(parts[1]) as Certificate;
  } catch {
    return { verified: false, why: "format" };
  }
  if (header.alg !== "RS256") {
    return { verified: false, why: "alg" };
  }
  const jwk = keys.find((k) => k.kid === header.kid && k.kty === "RSA" && k.n && k.e);
  if (!jwk || !header.kid) {
    return { verified: false, why: "key" };
  }
  const algorithm = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  try {
    const key = await crypto.subtle.importKey("jwk", { kty: "RSA", n: jwk.n, e: jwk.e, alg: "RS256", ext: true },
      algorithm, false, ["verify"]);
    const ok = await crypto.subtle.verify(algorithm, key, base64UrlBytes(parts[2]),
      new TextEncoder().encode(`${parts[0]}.${parts[1]}`));
    if (!ok) {
      return { verified: false, why: "signature" };
    }
  } catch {
    return { verified: false, why: "signature" };
  }
  return { verified: true, kid: header.kid, certificate: payload, matchesCopy: copy === undefined || sameJson(copy, payload) };
}

/** The realm's public keys, fetched without a token from Keycloak's own JWKS address. */
export async function realmKeys(serverUrl: string, realm: string): Promise<Jwk[] | undefined> {
  try {
    const response = await fetch(`${serverUrl}/realms/${encodeURIComponent(realm)}/protocol/openid-connect/certs`,
      { credentials: "omit", cache: "no-store" });
    if (!response.ok) {
      return undefined;
    }
    const body = (await response.json()) as { keys?: Jwk[] };
    return Array.isArray(body.keys) ? body.keys : undefined;
  } catch {
    return undefined;
  }
}

/** The file name a certificate is saved under. */
export function certificateFileName(certificate: Certificate): string {
  return `destruction-certificate-${certificate.recordId}.json`;
}
