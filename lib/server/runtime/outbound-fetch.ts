import { getConfig } from "@/lib/server/config";
import { createGuardedFetch } from "@/lib/net";

let cached: { key: string; fetch: typeof fetch } | undefined;

/**
 * The server's one way out to the network for user-configured destinations (nodes,
 * connection tests, notifications): the SSRF guard, admitting the internal hosts named in
 * SWITCHYARD_ALLOW_PRIVATE_HOSTS.
 */
export function outboundFetch(): typeof fetch {
  const allowHosts = getConfig().allowPrivateHosts;
  const key = allowHosts.join(",");
  if (cached?.key !== key) cached = { key, fetch: createGuardedFetch({ allowHosts }) };
  return cached.fetch;
}
