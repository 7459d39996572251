/**
 * The client's address as the web server saw it. `next start` fills X-Forwarded-For with
 * the socket address unless the request already carries one; behind a proxy the proxy
 * appends the address it saw, so the last entry is the most trustworthy one.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .pop();
  return last ?? headers.get("x-real-ip") ?? "unknown";
}
