import '../lib/cli/policy-commands';
import '../lib/cli/rules-command';
import { runCli } from '../lib/cli/program';

// A reader that stops early (`cxunit flows cdktf.out | head`) closes the pipe: that ends the output, not in a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

/**
 * Exits once both streams have written everything. Left to itself, Node waits at exit for the optimizing
 * compiler's queued background jobs (about 20 ms after checking an estate), which nothing will run.
 */
function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  let pending = 2;
  const flushed = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', flushed);
  process.stderr.write('', flushed);
}

runCli(process.argv.slice(2)).then(
  exitWhenFlushed,
  (error: unknown) => {
    // an internal error, not a user mistake: keep the stack for the bug report
    process.stderr.write(`cxunit: internal error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 3;
  },
);
