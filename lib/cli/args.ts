import { parseArgs } from "node:util";
import { z } from "zod";
import { UsageError } from "./usage-error";

/** The command line, checked with zod so each mistake gets a clear message. */

const flowFile = z
  .string({ error: "missing <flow.json>" })
  .min(1, "missing <flow.json>")
  .refine((f) => !f.startsWith("-"), "missing <flow.json> before the options");

const runArgs = z.object({
  command: z.literal("run"),
  file: flowFile,
  params: z.string().optional(),
  vars: z.string().optional(),
  credentials: z.string().optional(),
  dryRun: z.boolean(),
  json: z.boolean(),
  quiet: z.boolean(),
});

const validateArgs = z.object({ command: z.literal("validate"), file: flowFile, json: z.boolean() });

export type RunArgs = z.infer<typeof runArgs>;
export type ValidateArgs = z.infer<typeof validateArgs>;
export type CliArgs = RunArgs | ValidateArgs | { command: "help" } | { command: "version" };

const OPTIONS = {
  params: { type: "string" },
  vars: { type: "string" },
  credentials: { type: "string" },
  "dry-run": { type: "boolean", default: false },
  json: { type: "boolean", default: false },
  quiet: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
  version: { type: "boolean", short: "v", default: false },
} as const;

const ONLY_FOR_RUN = ["params", "vars", "credentials", "dry-run", "quiet"] as const;

export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    // node:util's messages name the offending option; drop its internal error-code prefix.
    throw new UsageError((err as Error).message.replace(/^\w+ \[\w+\]: /, ""));
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: "help" };
  if (values.version) return { command: "version" };
  const [command, file, ...extra] = positionals;
  if (command === undefined) return { command: "help" };
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);

  const check = <T>(schema: z.ZodType<T>, input: unknown): T => {
    const result = schema.safeParse(input);
    if (result.success) return result.data;
    throw new UsageError(result.error.issues[0]?.message ?? "invalid arguments");
  };

  switch (command) {
    case "run":
      return check(runArgs, {
        command,
        file,
        params: values.params,
        vars: values.vars,
        credentials: values.credentials,
        dryRun: values["dry-run"],
        json: values.json,
        quiet: values.quiet,
      });
    case "validate": {
      const misplaced = ONLY_FOR_RUN.find((o) => values[o] !== undefined && values[o] !== false);
      if (misplaced) throw new UsageError(`--${misplaced} is an option of "run", not of "validate"`);
      return check(validateArgs, { command, file, json: values.json });
    }
    default:
      throw new UsageError(`unknown command "${command}" (expected run or validate)`);
  }
}
