/**
 * What the CLI touches of its process, passed in so tests can run commands in-process and the
 * launcher can hand over the real streams.
 */

export interface CliStream {
  write(text: string): void;
  readonly isTTY: boolean;
  /** Terminal width when a TTY. */
  readonly columns?: number;
}

export interface CliIO {
  stdout: CliStream;
  stderr: CliStream;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Registers a handler for Ctrl-C; returns a function that removes it. */
  onInterrupt(handler: () => void): () => void;
}

function streamOf(stream: NodeJS.WriteStream): CliStream {
  return {
    write: (text) => {
      stream.write(text);
    },
    get isTTY() {
      return stream.isTTY === true;
    },
    get columns() {
      return stream.columns;
    },
  };
}

export function processIO(): CliIO {
  return {
    stdout: streamOf(process.stdout),
    stderr: streamOf(process.stderr),
    env: process.env,
    cwd: process.cwd(),
    onInterrupt(handler) {
      // The first Ctrl-C asks for a clean cancel; a second one quits at once.
      let count = 0;
      const listener = (): void => {
        if (++count > 1) process.exit(130);
        handler();
      };
      process.on("SIGINT", listener);
      return () => process.off("SIGINT", listener);
    },
  };
}
