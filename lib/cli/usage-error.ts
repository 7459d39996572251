/** A mistake in how the CLI was called (exit code 2, with a pointer to --help). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const EXIT = {
  ok: 0,
  /** The run failed, crashed or was cancelled. */
  runFailed: 1,
  /** Invalid document, parameters or command line. */
  invalid: 2,
} as const;
