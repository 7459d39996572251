import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BlockedAddressError } from "./blocked-error";
import { createGuardedFetch } from "./guarded-fetch";

// A throwaway self-signed certificate for `secure.test`, used only by this test (valid to 2126).
const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgAf4jsWNtqvj8f3lX
rwfcsa8BnTRVCMLpZWB3CRh1N3ehRANCAAQ6cn6VmHIhC+lRXjbpQCFcUdA9PBgm
MCEMjD8qtgoKFlsVAijJ2bmqWb3rGWoyLAPSwekth5dTjU9Jkych2i4f
-----END PRIVATE KEY-----
`;
const CERT = `-----BEGIN CERTIFICATE-----
MIIBmjCCAUGgAwIBAgIUCLKyZ3QGtAUiaJI2UvmFIhvB46cwCgYIKoZIzj0EAwIw
FjEUMBIGA1UEAwwLc2VjdXJlLnRlc3QwIBcNMjYxMTIzMTgzMjA5WhgPMjEyNjEw
MzAxODMyMDlaMBYxFDASBgNVBAMMC3NlY3VyZS50ZXN0MFkwEwYHKoZIzj0CAQYI
KoZIzj0DAQcDQgAEOnJ+lZhyIQvpUV426UAhXFHQPTwYJjAhDIw/KrYKChZbFQIo
ydm5qlm96xlqMiwD0sHpLYeXU41PSZMnIdouH6NrMGkwHQYDVR0OBBYEFEe+DF17
YcP/RwtABfNIpVFOF8EmMB8GA1UdIwQYMBaAFEe+DF17YcP/RwtABfNIpVFOF8Em
MA8GA1UdEwEB/wQFMAMBAf8wFgYDVR0RBA8wDYILc2VjdXJlLnRlc3QwCgYIKoZI
zj0EAwIDRwAwRAIgA8MmIZM+wa08P0G6m7snEA2CXF7FTveKd0jtI1e7UFACIGiT
8lntayUvaPV8LEhOtUTwCnIVMP7+ylZdEprhkz4l
-----END CERTIFICATE-----
`;

let server: Server;
let port: number;
const sni: (string | undefined)[] = [];

beforeAll(async () => {
  server = createServer({ key: KEY, cert: CERT }, (req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ host: req.headers.host }));
  });
  server.on("secureConnection", (socket: { servername?: string | false }) => sni.push(socket.servername || undefined));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const resolve = (host: string) =>
  host === "secure.test" ? Promise.resolve(["127.0.0.1"]) : Promise.reject(new Error(`ENOTFOUND ${host}`));

describe("guarded fetch over TLS", () => {
  it("connects to the pinned address while verifying the certificate for the hostname and sending it as SNI", async () => {
    const guarded = createGuardedFetch({ allowHosts: ["127.0.0.1"], resolve, ca: CERT });
    const res = await guarded(`https://secure.test:${port}/`);
    expect(await res.json()).toEqual({ host: `secure.test:${port}` });
    expect(sni.at(-1)).toBe("secure.test");
  });

  it("keeps certificate verification on: an untrusted certificate fails", async () => {
    const guarded = createGuardedFetch({ allowHosts: ["127.0.0.1"], resolve });
    const err = await guarded(`https://secure.test:${port}/`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect(String((err as TypeError).cause)).toMatch(/self[- ]signed|certificate/i);
  });

  it("checks the certificate against the URL's host, not the pinned address", async () => {
    const guarded = createGuardedFetch({ allowHosts: ["127.0.0.1"], resolve, ca: CERT });
    const err = await guarded(`https://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect(String((err as TypeError).cause)).toMatch(/IP: 127\.0\.0\.1 is not in the cert's list|altnames/i);
  });

  it("still refuses internal addresses over https", async () => {
    const guarded = createGuardedFetch({ resolve, ca: CERT });
    await expect(guarded(`https://secure.test:${port}/`)).rejects.toBeInstanceOf(BlockedAddressError);
  });
});
