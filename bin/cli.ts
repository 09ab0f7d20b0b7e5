import '../lib/cli/policy-commands';
import '../lib/cli/rules-command';
import { exitWhenFlushed } from '../lib/cli/output';
import { runCli } from '../lib/cli/program';

// Exits as soon as the output is written: left to itself, Node waits at exit for the optimizing compiler's
// queued background jobs (about 20 ms after checking an estate), which nothing will run.
runCli(process.argv.slice(2)).then(
  exitWhenFlushed,
  (error: unknown) => {
    // an internal error, not a user mistake: keep the stack for the bug report
    process.stderr.write(`cxunit: internal error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 3;
  },
);
