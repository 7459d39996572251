import type { ValidationProblem } from "@/lib/engine";
import type { Paint } from "./colors";
import type { CliStream } from "./io";
import { formatPath } from "./load-flow";

export function printProblems(stream: CliStream, file: string, problems: readonly ValidationProblem[], paint: Paint): void {
  stream.write(`${paint.red("✗")} ${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"}\n`);
  for (const p of problems) stream.write(`  ${paint.bold(formatPath(p.path))}: ${p.message}\n`);
}
