// Every file a command writes goes through here (issue 19). An output that is one of the command's
// inputs is refused before anything runs; a regular file is written to a temp file beside it and renamed
// over it at the end (atomic: a failed or interrupted run keeps what was there, and a signal removes the
// temp file); a device or a pipe (/dev/null, a FIFO) is written as a stream and never replaced; every
// write error (ENOSPC, EPIPE, EACCES...) becomes one line naming the file.

import { closeSync, fchmodSync, linkSync, openSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from './io.js';
import { trackTemp } from './signals.js';

const WHY: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EPIPE: 'the reading end of the pipe is closed',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EISDIR: 'is a directory',
  ENOENT: 'no such directory',
  ENOTDIR: 'a part of the path is not a directory',
  EEXIST: 'already exists (use --force to replace it)',
  EIO: 'input/output error',
};

/** The one line for an error while writing `file`. */
export function writeError(file: string, error: unknown): UserError {
  if (error instanceof UserError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error';
  return new UserError(`${file}: cannot write (${WHY[code] ?? code})`);
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Where a path points: the file itself when it exists (so hard links and symlinks match), else its resolved name. */
function identity(path: string): string {
  const s = statOrUndefined(path);
  if (s !== undefined) return `file ${s.dev}:${s.ino}`;
  try {
    return `path ${join(realpathSync(dirname(resolve(path))), basename(path))}`;
  } catch {
    return `path ${resolve(path)}`;
  }
}

/** An input directory stands for the files in it (a --capsules folder). */
function expand(path: string): string[] {
  const s = statOrUndefined(path);
  if (s === undefined || !s.isDirectory()) return [path];
  try {
    return readdirSync(path).map((f) => join(path, f));
  } catch {
    return [path];
  }
}

/**
 * Refuses, before anything runs, an output that is one of the inputs (the same file by any name) or
 * that two outputs share. Device files (/dev/null) are not compared: writing them loses nothing.
 */
export function checkOutputs(inputs: readonly (string | undefined)[], outputs: readonly (readonly [flag: string, file: string | undefined])[]): void {
  const seen = new Map<string, string>();
  for (const input of inputs) {
    if (input === undefined) continue;
    for (const file of expand(input)) seen.set(identity(file), `it is an input (${file})`);
  }
  for (const [flag, file] of outputs) {
    if (file === undefined) continue;
    const s = statOrUndefined(file);
    if (s !== undefined && !s.isFile() && !s.isDirectory()) continue;
    const id = identity(file);
    const clash = seen.get(id);
    if (clash !== undefined) throw new UserError(`${flag} ${file}: refusing to write there, ${clash}; nothing was written`);
    seen.set(id, `it is also the output of ${flag}`);
  }
}

export interface OutputOptions {
  /** File mode of the file (default 0o666 less the umask). */
  readonly mode?: number;
  /** Never replace an existing file (keygen without --force). */
  readonly exclusive?: boolean;
}

/** A file being written: bytes go to a temp file (or straight into a device or pipe) until commit(). */
export class OutputFile {
  private done = false;

  private constructor(
    readonly file: string,
    private readonly fd: number,
    private readonly target: string,
    private readonly temp: string | undefined,
    private readonly untrack: () => void,
    private readonly exclusive: boolean,
  ) {}

  static open(file: string, options: OutputOptions = {}): OutputFile {
    const s = statOrUndefined(file);
    if (s?.isDirectory()) throw new UserError(`${file}: cannot write (is a directory)`);
    if (s !== undefined && !s.isFile()) {
      // A device or a FIFO: stream into it; renaming over it would destroy it (/dev/null as root).
      try {
        return new OutputFile(file, openSync(file, 'w'), file, undefined, () => {}, false);
      } catch (error) {
        throw writeError(file, error);
      }
    }
    if (s !== undefined && options.exclusive === true) throw writeError(file, { code: 'EEXIST' });
    // A symlink to a regular file: replace the file it points to, keep the link.
    const target = s === undefined ? file : realpathSync(file);
    const temp = `${target}.${process.pid}.tmp`;
    const untrack = trackTemp(temp);
    try {
      const fd = openSync(temp, 'w', options.mode ?? 0o666);
      // An explicit mode is the mode, whatever the umask (a public key stays world-readable).
      if (options.mode !== undefined) fchmodSync(fd, options.mode);
      return new OutputFile(file, fd, target, temp, untrack, options.exclusive === true);
    } catch (error) {
      untrack();
      throw writeError(file, error);
    }
  }

  write(data: Uint8Array | string): void {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    try {
      for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at, bytes.length - at);
    } catch (error) {
      this.abort();
      throw writeError(this.file, error);
    }
  }

  /** Closes the file and puts it in place (a rename; with `exclusive`, a link that refuses an existing file). */
  commit(): void {
    if (this.done) return;
    this.done = true;
    try {
      closeSync(this.fd);
      if (this.temp !== undefined) {
        if (this.exclusive) linkSync(this.temp, this.target);
        else renameSync(this.temp, this.target);
      }
    } catch (error) {
      throw writeError(this.file, error);
    } finally {
      if (this.temp !== undefined) rmSync(this.temp, { force: true });
      this.untrack();
    }
  }

  /** Gives up: the temp file goes, whatever was at the path stays. */
  abort(): void {
    if (this.done) return;
    this.done = true;
    try {
      closeSync(this.fd);
    } catch {
      // already closed or broken: the temp file is removed either way
    }
    if (this.temp !== undefined) rmSync(this.temp, { force: true });
    this.untrack();
  }
}

/** Writes a whole file through OutputFile: atomic for regular files, streamed into devices and pipes. */
export function writeOutput(file: string, data: Uint8Array | string, options: OutputOptions = {}): void {
  const out = OutputFile.open(file, options);
  out.write(data);
  out.commit();
}
