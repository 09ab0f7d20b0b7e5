import * as fs from 'fs';
import * as path from 'path';

/** Ends the command with an exit code; thrown so that nothing after it runs. */
export class CliExit extends Error {
  constructor(readonly code: number, message = '') {
    super(message);
  }
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/**
 * Standard output and error, opened only when something is written to them: creating process.stdout or
 * process.stderr costs about 3 ms each when it is a pipe (a net.Socket and the stream modules), and a check
 * that writes its report with --output prints one line to stderr. Everything the command line prints goes
 * through writeStdout and writeStderr, so that it knows which streams to flush before it exits.
 */
const opened = { stdout: false, stderr: false };

/** A reader that stops early (`cxunit flows cdktf.out | head`) closes the pipe: that ends the output, not in a crash. */
function endOnClosedPipe(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
}

export function writeStdout(text: string): void {
  if (!opened.stdout) {
    opened.stdout = true;
    process.stdout.on('error', endOnClosedPipe);
  }
  process.stdout.write(text);
}

/**
 * Writes to stderr, with a plain write to its descriptor while the stream is not open (what the stream does for
 * files and, on Linux and macOS, pipes: a synchronous write); the stream takes over for what that cannot write
 * (a non-blocking descriptor).
 */
export function writeStderr(text: string): void {
  if (!opened.stderr) {
    const bytes = Buffer.from(text);
    let written = 0;
    try {
      written = fs.writeSync(2, bytes);
    } catch {
      // EAGAIN on a non-blocking descriptor: the stream waits until it can write
    }
    if (written === bytes.length) return;
    opened.stderr = true;
    process.stderr.write(bytes.subarray(written));
    return;
  }
  process.stderr.write(text);
}

/** Exits with `code` once the streams that were written to have written everything. */
export function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  const streams = [...(opened.stdout ? [process.stdout] : []), ...(opened.stderr ? [process.stderr] : [])];
  let pending = streams.length;
  if (pending === 0) process.exit(code);
  for (const stream of streams) {
    stream.write('', () => {
      if (--pending === 0) process.exit(code);
    });
  }
}

/**
 * Writes to a file atomically (temp file + rename) so that a failure never leaves a half-written
 * report, or to stdout when no file is given.
 */
export function writeOutput(text: string, file?: string): void {
  if (!file) {
    writeStdout(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  const target = path.resolve(file);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(temporary, text.endsWith('\n') ? text : `${text}\n`);
    fs.renameSync(temporary, target);
  } catch (error) {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // nothing was written (e.g. the parent is a file): there is nothing to clean up
    }
    throw new CliExit(EXIT_USAGE, `cannot write ${file}: ${(error as Error).message}: choose a writable path`);
  }
}
