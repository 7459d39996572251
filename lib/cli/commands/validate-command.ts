import path from "node:path";
import type { ValidateArgs } from "../args";
import { colorEnabled, createPaint } from "../colors";
import type { CliIO } from "../io";
import { loadFlowFile } from "../load-flow";
import { printProblems } from "../problems";
import { cliRegistry } from "../registry";
import { EXIT } from "../usage-error";

export async function validateCommand(args: ValidateArgs, io: CliIO): Promise<number> {
  const loaded = await loadFlowFile(path.resolve(io.cwd, args.file), cliRegistry());
  if (args.json) {
    io.stdout.write(JSON.stringify(loaded.ok ? { ok: true, problems: [] } : { ok: false, problems: loaded.problems }) + "\n");
    return loaded.ok ? EXIT.ok : EXIT.invalid;
  }
  if (!loaded.ok) {
    printProblems(io.stdout, args.file, loaded.problems, createPaint(colorEnabled(io.stdout.isTTY, io.env)));
    return EXIT.invalid;
  }
  const paint = createPaint(colorEnabled(io.stdout.isTTY, io.env));
  const { nodes, edges, name } = loaded.document;
  io.stdout.write(`${paint.green("✓")} ${args.file}: "${name}" is valid (${nodes.length} nodes, ${edges.length} edges)\n`);
  return EXIT.ok;
}
