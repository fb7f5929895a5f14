import { describe, expect, it } from "vitest";
import { certificateFile, type Jwk, sameJson, verifyCertificate } from "./certificate";

const algorithm = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };

function base64Url(bytes: Uint8Array): string {
  let binary = "";
  bytes.forEach((b) => (binary += String.fromCharCode(b)));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const text = (value: unknown) => base64Url(new TextEncoder().encode(JSON.stringify(value)));

async function realm(kid: string) {
  const pair = await crypto.subtle.generateKey({ ...algorithm, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    true, ["sign", "verify"]);
  const jwk = (await crypto.subtle.exportKey("jwk", pair.publicKey)) as Jwk;
  const sign = async (payload: unknown, header: Record<string, string> = { alg: "RS256", kid, typ: "destruction-certificate+jwt" }) => {
    const input = `${text(header)}.${text(payload)}`;
    const signature = await crypto.subtle.sign(algorithm, pair.privateKey, new TextEncoder().encode(input));
    return `${input}.${base64Url(new Uint8Array(signature))}`;
  };
  return { key: { ...jwk, kid, kty: "RSA" } as Jwk, sign };
}

const certificate = { recordId: "r1", lastVersion: 3, destroyedAt: "2026-12-06T02:00:00Z", reason: "Enrolled twice", paperCopies: [] };

describe("destruction certificates", () => {
  it("verify with the realm's public key of the header's kid, and say whether the readable copy is what was signed", async () => {
    const { key, sign } = await realm("k1");
    const signed = await sign(certificate);
    const other = await realm("k0");
    await expect(verifyCertificate(signed, [other.key, key], certificate)).resolves.toEqual(
      { verified: true, kid: "k1", certificate, matchesCopy: true });
    const changedCopy = await verifyCertificate(signed, [key], { ...certificate, reason: "Other" });
    expect(changedCopy).toMatchObject({ verified: true, matchesCopy: false });
  });

  it("fail when the payload was changed, the key is another, or the algorithm is not RS256", async () => {
    const { key, sign } = await realm("k1");
    const signed = await sign(certificate);
    const [header, , signature] = signed.split(".");
    const forged = `${header}.${text({ ...certificate, reason: "Asked by the student" })}.${signature}`;
    await expect(verifyCertificate(forged, [key])).resolves.toEqual({ verified: false, why: "signature" });
    const stranger = await realm("k1");
    await expect(verifyCertificate(signed, [stranger.key])).resolves.toEqual({ verified: false, why: "signature" });
    await expect(verifyCertificate(signed, [{ ...key, kid: "k2" }])).resolves.toEqual({ verified: false, why: "key" });
    await expect(verifyCertificate(await sign(certificate, { alg: "none", kid: "k1" }), [key])).resolves.toEqual({ verified: false, why: "alg" });
    await expect(verifyCertificate("not-a-jws", [key])).resolves.toEqual({ verified: false, why: "format" });
  });

  it("are read from the centre's file or as a bare signed certificate", () => {
    expect(certificateFile(JSON.stringify({ certificate, signedCertificate: "a.b.c" }))).toEqual({ signed: "a.b.c", copy: certificate });
    expect(certificateFile(" a-1.b_2.c \n")).toEqual({ signed: "a-1.b_2.c" });
    expect(certificateFile("{}")).toBeUndefined();
    expect(certificateFile("not json")).toBeUndefined();
  });

  it("compare JSON whatever the order of members", () => {
    expect(sameJson({ a: 1, b: [1, { c: null }] }, { b: [1, {}], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 2 })).toBe(false);
  });
});
