import path from "node:path";
import {
  createEngine,
  createLogger,
  createMemoryRunStore,
  NodeError,
  systemClock,
  type EngineEvent,
  type LogWriter,
  type RunHandle,
} from "@/lib/engine";
import type { RunArgs } from "../args";
import { colorEnabled, createPaint } from "../colors";
import type { CliIO } from "../io";
import { readJsonObjectOption } from "../json-argument";
import { loadFlowFile } from "../load-flow";
import { fileFlowLoader, memoryVariables, staticCredentials } from "../local-services";
import { printProblems } from "../problems";
import { createLineDisplay } from "../progress/line-display";
import { createProgressModel } from "../progress/progress-model";
import { createTtyDisplay } from "../progress/tty-display";
import { cliRegistry } from "../registry";
import { buildReport, formatReport } from "../report";
import { EXIT } from "../usage-error";

/**
 * `switchyard run`: validate, run in this process with the in-memory store, show progress,
 * print the outcome. With --json, stdout carries exactly one JSON object and the progress
 * display moves to stderr.
 */
export async function runCommand(args: RunArgs, io: CliIO): Promise<number> {
  const registry = cliRegistry();
  const file = path.resolve(io.cwd, args.file);
  const out = io.stdout;
  const progressStream = args.json ? io.stderr : io.stdout;
  const paint = createPaint(colorEnabled(out.isTTY, io.env));
  const progressPaint = createPaint(colorEnabled(progressStream.isTTY, io.env));

  const loaded = await loadFlowFile(file, registry);
  if (!loaded.ok) {
    printProblems(io.stderr, args.file, loaded.problems, createPaint(colorEnabled(io.stderr.isTTY, io.env)));
    return EXIT.invalid;
  }
  const document = loaded.document;
  const params = await readJsonObjectOption("--params", args.params, io.cwd);
  const variables = memoryVariables(await readJsonObjectOption("--vars", args.vars, io.cwd));
  const credentials = staticCredentials(await readJsonObjectOption("--credentials", args.credentials, io.cwd));

  // Engine log lines are JSON for machines; a person reads the progress display instead.
  const writeLog: LogWriter = (line) => io.stderr.write(line);
  const store = createMemoryRunStore();
  const engine = createEngine({
    registry,
    store,
    clock: systemClock,
    logger: createLogger({ write: writeLog, level: io.env.SWITCHYARD_LOG_LEVEL === "debug" ? "debug" : "error" }),
    fetch: globalThis.fetch.bind(globalThis),
    credentials,
    variables,
    flows: fileFlowLoader(path.dirname(file), registry),
    owner: `cli:${process.pid}`,
  });

  const model = createProgressModel(document, Date.now());
  const display = args.quiet
    ? undefined
    : progressStream.isTTY
      ? createTtyDisplay(model, progressStream, progressPaint, Date.now)
      : createLineDisplay(model, progressStream, progressPaint, Date.now);

  let handle: RunHandle;
  try {
    handle = await engine.startRun(document, { params, dryRun: args.dryRun, trigger: { kind: "cli" } });
  } catch (err) {
    // The run never started: parameters (or the document) were rejected.
    if (err instanceof NodeError && err.category === "validation") {
      io.stderr.write(`${paint.red("✗")} ${args.file}: ${err.message}\n`);
      return EXIT.invalid;
    }
    throw err;
  }
  model.runId = handle.runId;
  const onEvent = (event: EngineEvent): void => {
    model.apply(event);
    display?.onEvent(event);
  };
  display?.start();
  const unsubscribe = handle.subscribe(onEvent);
  let interrupted = false;
  const stopListening = io.onInterrupt(() => {
    if (interrupted) return;
    interrupted = true;
    io.stderr.write("\nCancelling the run (Ctrl-C again to force quit)…\n");
    engine.cancel(handle.runId);
  });
  const run = await handle.done;
  stopListening();
  unsubscribe();
  model.runState = run.state;
  display?.stop();
  await engine.shutdown(0);

  const steps = await store.listSteps(run.id);
  const artifacts = await store.listArtifacts(run.id);
  const report = buildReport(document, run, steps, artifacts, variables.snapshot());
  if (args.json) out.write(JSON.stringify(report) + "\n");
  else out.write((display ? "\n" : "") + formatReport(report, paint));
  return run.state === "completed" ? EXIT.ok : EXIT.runFailed;
}
