// What happens when the CLI's own stdout or stderr fails (issue 19): `mote trace x > /dev/full` died
// with an uncaught ENOSPC and a stack trace. A reader that closed the pipe (`mote ... | head`) has seen
// enough: quiet exit 0, as before. Any other write error is one line on stderr and exit 1. Either way the
// temp files of unfinished writes are removed first.

import type { EventEmitter } from 'node:events';
import { writeError } from './output.js';
import { removeTemps } from './signals.js';

export interface StdioExits {
  readonly stderr: (text: string) => void;
  readonly exit: (code: number) => void;
}

/** Listens for errors on the process's stdout (named `name` in the message). */
export function guardStdout(stream: EventEmitter, name: string, exits: StdioExits): void {
  let handled = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (handled) return;
    handled = true;
    removeTemps();
    if (error.code === 'EPIPE') {
      exits.exit(0);
      return;
    }
    exits.stderr(`${writeError(name, error).message}\n`);
    exits.exit(1);
  });
}

/** stderr failing leaves nowhere to say so: exit 1 quietly. */
export function guardStderr(stream: EventEmitter, exits: Pick<StdioExits, 'exit'>): void {
  stream.on('error', () => {
    removeTemps();
    exits.exit(1);
  });
}
