import { Command, CommanderError, Option } from 'commander';
import { Catalog } from '../architecture/catalog';
import { packageInfo } from '../package-info';
import { InputError } from '../validation/diagnostic';
import { CliExit, EXIT_USAGE, writeOutput, writeStderr, writeStdout } from './output';
import type { PortsFormat } from './ports-command';

/* eslint-disable @typescript-eslint/no-require-imports -- each command's module is loaded when the command runs, so that
   `cxunit check` does not load the docs generators, the catalog validator and their dependencies (bench/policy.js). */
const portsCommand = () => require('./ports-command') as typeof import('./ports-command');
const docsCommand = () => require('./docs-command') as typeof import('./docs-command');
const validateCatalogCommand = () => require('./validate-catalog-command') as typeof import('./validate-catalog-command');
/* eslint-enable @typescript-eslint/no-require-imports */

/** Extra subcommands registered by other parts of cxunit (the policy engine adds check, explain, flows). */
export type CommandRegistration = (program: Command) => void;
const registrations: CommandRegistration[] = [];
export function registerCommand(registration: CommandRegistration): void {
  registrations.push(registration);
}

export function buildProgram(): Command {
  const program = new Command('cxunit')
    .description('Genesys Multicloud CX private edition units as code: catalog, constructs and policies')
    .version(packageInfo().version, '-V, --version', 'print the version')
    .showHelpAfterError('(run "cxunit --help" for usage)')
    .configureOutput({ writeOut: writeStdout, writeErr: writeStderr })
    .exitOverride();

  program
    .command('ports')
    .description("print the catalog's documented connections")
    .addOption(new Option('--format <format>', 'output format').choices(['markdown', 'csv', 'json']).default('markdown'))
    .option('--service <name>', 'only the connections of this service (e.g. "Tenant Service")')
    .option('--output <file>', 'write to a file instead of stdout')
    .action((options: { format: PortsFormat; service?: string; output?: string }) => {
      writeOutput(portsCommand().renderPorts(Catalog.default(), options.format, options.service), options.output);
    });

  program
    .command('validate-catalog')
    .description('validate the built-in catalog, or a directory of catalog files that override it')
    .argument('[dir]', 'directory of catalog files (same layout as lib/architecture/data)')
    .action((dir?: string) => validateCatalogCommand().validateCatalogCommand(dir));

  program
    .command('docs')
    .description('generate docs/ports.md, docs/connections.md and docs/policies.md from the catalog and rules')
    .option('--write', 'write the files (default: only report which are out of date)')
    .option('--dir <dir>', 'the docs directory', 'docs')
    .option('--units <path>', 'instead, the unit pages docs/units/<unit>.md from synthesized stacks (a cdktf.out directory)')
    .action((options: { write?: boolean; dir: string; units?: string }) => docsCommand().docsCommand(options.dir, options.write === true, options.units));

  for (const registration of registrations) registration(program);
  for (const command of program.commands) command.exitOverride().showHelpAfterError('(run "cxunit --help" for usage)');
  return program;
}

/** Runs the command line; returns the exit code. Never throws for user mistakes. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CliExit) {
      if (error.message) writeStderr(`${error.message}\n`);
      return error.code;
    }
    if (error instanceof CommanderError) {
      // help and version exit 0; every parsing mistake is a usage error
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (error instanceof InputError) {
      writeStderr(`${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
