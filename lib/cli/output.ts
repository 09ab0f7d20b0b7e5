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
 * Writes to a file atomically (temp file + rename) so that a failure never leaves a half-written
 * report, or to stdout when no file is given.
 */
export function writeOutput(text: string, file?: string): void {
  if (!file) {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
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
