// What a command may touch of the outside world, so that tests run the CLI in-process (STYLE 11).

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stdout is a terminal: decides dashboards and progress bars. */
  readonly isTTY: boolean;
}

/** A mistake by the user: printed as one line (or a formatted block), exit code 1, no stack trace. */
export class UserError extends Error {
  /** 1, or 128 + the signal for a run a signal stopped (cli/signals.ts). */
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** An io that collects output: for tests and for commands that render into a string first. */
export function bufferIo(isTTY = false): Io & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    isTTY,
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
  };
  return io;
}
