import '../lib/cli/policy-commands';
import '../lib/cli/rules-command';
import { runCli } from '../lib/cli/program';

// A reader that stops early (`cxunit flows cdktf.out | head`) closes the pipe: that ends the output, not in a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // an internal error, not a user mistake: keep the stack for the bug report
    process.stderr.write(`cxunit: internal error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 3;
  },
);
