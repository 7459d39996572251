/**
 * Wall-clock times in an IANA time zone, without depending on the process's own zone.
 * A "wall" time is the local date and time written as if it were UTC (epoch milliseconds
 * of `Date.UTC(y, m, d, h, min, s)`), so calendar arithmetic on it is plain UTC arithmetic.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether `timeZone` is an IANA zone name this runtime knows (e.g. `Europe/Berlin`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall time in `timeZone` at `instant`. */
export function instantToWall(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return wall + (((instant % 1000) + 1000) % 1000);
}

const offsetAt = (instant: number, timeZone: string) => instantToWall(instant, timeZone) - instant;

const HOURS_12 = 12 * 3_600_000;

/**
 * The instant a wall time happens in `timeZone`. A time that happens twice (the hour repeated
 * when clocks go back) is its first occurrence; a time that does not happen (skipped when
 * clocks go forward) is moved forward by the gap, as cron does (02:30 becomes 03:30).
 */
export function wallToInstant(wall: number, timeZone: string): number {
  const before = wall - offsetAt(wall - HOURS_12, timeZone);
  const after = wall - offsetAt(wall + HOURS_12, timeZone);
  const valid = [before, after].filter((c) => instantToWall(c, timeZone) === wall);
  if (valid.length > 0) return Math.min(...valid);
  return before;
}

/** `YYYY-MM-DDTHH:mm:ss` of a wall time. */
export function formatWall(wall: number): string {
  return new Date(wall).toISOString().slice(0, 19);
}

/** A `YYYY-MM-DDTHH:mm[:ss]` text as a wall time, or undefined. */
export function parseWall(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  return formatWall(wall) === `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? "00"}` ? wall : undefined;
}
