import { readFileSync } from "node:fs";
import { parseCliArgs } from "./args";
import { colorEnabled, createPaint } from "./colors";
import { HELP } from "./help";
import { processIO, type CliIO } from "./io";
import { EXIT, UsageError } from "./usage-error";

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: string };
  return pkg.version ?? "unknown";
}

/** Runs one CLI invocation and returns its exit code; never calls process.exit itself. */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const paint = createPaint(colorEnabled(io.stderr.isTTY, io.env));
  try {
    const args = parseCliArgs(argv);
    switch (args.command) {
      case "help":
        io.stdout.write(HELP);
        return EXIT.ok;
      case "version":
        io.stdout.write(`switchyard ${version()}\n`);
        return EXIT.ok;
      // Commands load the engine and every node type; help and version start without them.
      case "validate":
        return await (await import("./commands/validate-command")).validateCommand(args, io);
      case "run":
        return await (await import("./commands/run-command")).runCommand(args, io);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`${paint.red("error:")} ${err.message}\nRun "switchyard --help" for usage.\n`);
      return EXIT.invalid;
    }
    throw err;
  }
}
