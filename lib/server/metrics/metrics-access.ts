import { timingSafeEqual, createHash } from "node:crypto";

/**
 * Who may read the metrics (docs/decisions/0852-metrics-access.md): a scraper that sends
 * `Authorization: Bearer <SWITCHYARD_METRICS_TOKEN>`. Without a configured token the metrics
 * are off. A "loopback only" rule cannot be enforced behind Next.js, which keeps a client's
 * own X-Forwarded-For header, so the token is the only gate.
 */
export function metricsAccess(authorization: string | null, token: string | undefined): "ok" | "off" | "denied" {
  if (!token) return "off";
  const match = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? "");
  if (!match) return "denied";
  // Hash both sides so the comparison takes the same time whatever the lengths.
  const a = createHash("sha256").update(match[1]!).digest();
  const b = createHash("sha256").update(token).digest();
  return timingSafeEqual(a, b) ? "ok" : "denied";
}
