import '../lib/cli/policy-commands';
import '../lib/cli/rules-command';
import { runCli } from '../lib/cli/program';

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
