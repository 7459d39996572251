import { closeRuntime } from "./get-runtime";
import { RUNTIME_DEFAULTS } from "./runtime-defaults";

let installed = false;

/**
 * Graceful shutdown on SIGTERM and SIGINT: stop taking runs, let running steps finish within
 * the grace period, leave the rest resumable (the next start resumes them), then exit.
 * Called once by the server's start-up hook.
 */
export function installShutdownHandlers(opts: { graceMs?: number; exit?: (code: number) => void } = {}): void {
  if (installed) return;
  installed = true;
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  let closing: Promise<void> | undefined;
  const onSignal = () => {
    closing ??= closeRuntime(opts.graceMs ?? RUNTIME_DEFAULTS.shutdownGraceMs).then(
      () => exit(0),
      () => exit(1),
    );
  };
  // `on`, not `once`: a terminal's Ctrl-C reaches `next start` twice (from the terminal and
  // forwarded by the start script); a second signal must not end the grace period.
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
