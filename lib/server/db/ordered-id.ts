import { randomBytes } from "node:crypto";

/**
 * Ids that sort by creation time (like ULID or UUIDv7): the time in milliseconds as 9
 * base-36 digits, then 96 random bits. Rows keyed by them, and every index that starts with
 * them (a run's steps, events, artifacts), are appended at the right edge of their B-trees,
 * so a transaction that writes many runs touches a few pages instead of one page per run;
 * random ids scatter the same writes over the whole index.
 */
export function orderedId(prefix: string, now = Date.now()): string {
  return prefix + now.toString(36).padStart(9, "0") + randomPart();
}

// Random bytes drawn in blocks: one call into the system's generator per 341 ids, not per id.
const POOL_BYTES = 12 * 341;
let pool = Buffer.alloc(0);
let offset = POOL_BYTES;

function randomPart(): string {
  if (offset + 12 > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const part = pool.toString("base64url", offset, offset + 12);
  offset += 12;
  return part;
}
