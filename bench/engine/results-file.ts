import { existsSync, readFileSync, writeFileSync } from "node:fs";

/**
 * bench/RESULTS.md holds one section per benchmark family; each is written between its own
 * markers so a benchmark rewrites only its section.
 */

const HEADER = `# Benchmark results

Figures measured by the scripts under \`bench/\`. Each section says how to reproduce it, on
which machine and when. Shared machines are noisy: compare figures measured in one run.
`;

export function writeSection(file: string, name: string, body: string): void {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${start}\n${body.trim()}\n${end}`;
  const current = existsSync(file) ? readFileSync(file, "utf8") : HEADER;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from ? current.slice(0, from) + block + current.slice(to + end.length) : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}
