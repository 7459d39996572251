import { NonRetryableError } from "@/lib/engine/errors";

/**
 * An outgoing request refused by the SSRF guard. Not retried: the address will not become
 * acceptable by waiting. The message says how to admit it on purpose (the allow-list).
 */
export class BlockedAddressError extends NonRetryableError {
  readonly host: string;
  readonly address: string | undefined;
  readonly reason: string;

  constructor(host: string, reason: string, address?: string) {
    const where = address && address !== host ? `${host} (${address})` : host;
    super(
      `Refused to connect to ${where}: ${reason}. Outgoing requests may not reach private or internal addresses unless the allow-list admits them.`,
      { details: { host, reason, ...(address ? { address } : {}) } },
    );
    this.host = host;
    this.address = address;
    this.reason = reason;
  }
}
