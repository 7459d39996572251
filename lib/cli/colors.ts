/** ANSI styling, off when the stream is not a terminal or NO_COLOR is set (https://no-color.org). */

export interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  magenta(s: string): string;
}

const wrap =
  (open: number, close: number) =>
  (s: string): string =>
    `\u001b[${open}m${s}\u001b[${close}m`;

const plain = (s: string): string => s;

export function createPaint(enabled: boolean): Paint {
  if (!enabled) return { bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain, magenta: plain };
  return {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
    magenta: wrap(35, 39),
  };
}

export function colorEnabled(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  return isTTY && env.TERM !== "dumb";
}

// eslint-disable-next-line no-control-regex -- ANSI escape sequences are what we match
const ANSI = /\u001b\[[0-9;]*m/y;

/** Visible width of a string that may hold ANSI styling. */
export function visibleLength(s: string): number {
  // eslint-disable-next-line no-control-regex -- ANSI escape sequences are what we strip
  return s.replace(/\u001b\[[0-9;]*m/g, "").length;
}

/** Cuts a styled string to `width` visible characters without breaking an escape sequence. */
export function truncateVisible(s: string, width: number): string {
  if (visibleLength(s) <= width) return s;
  let out = "";
  let visible = 0;
  let i = 0;
  while (i < s.length && visible < width - 1) {
    ANSI.lastIndex = i;
    const m = ANSI.exec(s);
    if (m) {
      out += m[0];
      i += m[0].length;
      continue;
    }
    out += s[i];
    visible++;
    i++;
  }
  return `${out}…\u001b[0m`;
}
