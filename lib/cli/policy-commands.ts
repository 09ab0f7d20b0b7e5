import { Command, Option } from 'commander';
import { analyzeStack } from '../flow-evaluators';
import { openedFlows } from '../network/flow-analysis';
import { ENGINE_RULES, formatReference, metadataOf, AnyRuleMetadata, PolicyEvaluation } from '../policy/engine';
import { forEachStack, loadStacks } from '../policy/inputs';
import { SourceLocator } from '../policy/locations';
import { Severity, StackInput } from '../policy/model';
import { REPORT_FORMATS, ReportFormat, REPORTERS } from '../policy/reporters';
import { failing, plural } from '../policy/reporters/common';
import { summaryLine } from '../policy/reporters/text';
import { defaultSuppressionsFile, loadSuppressionsFile, SUPPRESSIONS_FILE } from '../policy/suppressions';
import { CliExit, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, writeOutput, writeStderr, writeStdout } from './output';
import { registerCommand } from './program';
import { availableRules, RuleSelectionOptions, selectRules, stackSelection } from './rule-selection';
import { rulesModuleOption } from './rules-command';
import { loadCatalogOrExit } from './validate-catalog-command';
import { didYouMean } from '../policy/did-you-mean';

/** `cxunit check`, `cxunit explain` and `cxunit flows`: the policy engine on the command line (Terraform JSON only, no cdktf). */

/**
 * writeOutput, with the one failure it does not turn into a usage error (lib/cli/output.ts cleans up its
 * temporary file with rmSync, which throws ENOTDIR when the output's directory is a file) made one too.
 */
function write(text: string, file?: string): void {
  try {
    writeOutput(text, file);
  } catch (error) {
    if (error instanceof CliExit) throw error;
    throw new CliExit(EXIT_USAGE, `cannot write ${file}: ${(error as Error).message}: choose a writable path`);
  }
}

export interface CheckOptions extends RuleSelectionOptions {
  readonly format: ReportFormat;
  readonly output?: string;
  readonly failOn: Severity;
  readonly suppressions?: string;
  /** Comma-separated stack names: only these stacks. */
  readonly stack?: string;
  /** A directory of catalog files that override the built-in ones (as `validate-catalog DIR` accepts). */
  readonly catalog?: string;
}

export function checkCommand(paths: readonly string[], options: CheckOptions): never {
  const cwd = process.cwd();
  const available = availableRules(options.rulesModule, cwd);
  const rules = selectRules(available, options);
  const catalog = options.catalog !== undefined ? loadCatalogOrExit(options.catalog) : undefined;
  const selection = stackSelection(options.stack);
  const knownIds = new Set([...available, ...ENGINE_RULES].map((r) => r.id));
  const suppressionsFile = options.suppressions ?? defaultSuppressionsFile(cwd);
  const suppressions = suppressionsFile ? loadSuppressionsFile(suppressionsFile, knownIds, options.suppressions ?? SUPPRESSIONS_FILE) : [];
  // Each stack is checked as soon as it is read and then let go: an estate is never all in memory at once
  // (and the garbage collector copies less). Nothing is written before every stack has been read.
  const evaluation = new PolicyEvaluation(rules, { suppressions, ...(catalog ? { catalog } : {}) });
  const read: string[] = [];
  forEachStack(paths, (stack) => {
    read.push(stack.stack);
    if (selection.wants(stack.stack)) evaluation.add(stack);
  }, { cwd });
  selection.checkNames(read);
  const report = evaluation.report();
  const context = { report, failOn: options.failOn, locator: new SourceLocator(cwd), cwd };
  write(REPORTERS[options.format](context), options.output);
  if (options.output) writeStderr(`${summaryLine(context)} (report written to ${options.output})\n`);
  throw new CliExit(failing(context).length > 0 ? EXIT_FINDINGS : EXIT_OK);
}

export function explainText(rule: AnyRuleMetadata): string {
  return [
    `${rule.id}: ${rule.title}`,
    '',
    `pack: ${rule.pack}`,
    `severity: ${rule.severity}`,
    `suppressible: ${rule.suppressible ? 'yes' : 'no (a documented unsupported feature)'}`,
    `source: ${formatReference(rule.reference)}`,
    '',
    'why:',
    wrap(rule.rationale),
    '',
    'fix:',
    wrap(rule.remediation),
  ].join('\n');
}

function wrap(text: string, width = 100): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width - 2) {
      lines.push(`  ${line}`);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(`  ${line}`);
  return lines.join('\n');
}

export function explainCommand(id: string, modules: readonly string[] = []): never {
  const available = availableRules(modules);
  const rule = [...available.map(metadataOf), ...ENGINE_RULES].find((r) => r.id === id);
  if (!rule) {
    const ids = [...available, ...ENGINE_RULES].map((r) => r.id);
    throw new CliExit(EXIT_USAGE, `unknown rule "${id}"${didYouMean(id, ids)}: use one of ${ids.join(', ')}`);
  }
  writeStdout(`${explainText(rule)}\n`);
  throw new CliExit(EXIT_OK);
}

/** What `cxunit flows --format json` prints for one stack. */
export function stackFlowsJson(stack: StackInput): Record<string, unknown> {
  const analysis = analyzeStack(stack);
  const flows = openedFlows(analysis);
  return {
    stack: stack.stack,
    file: stack.file,
    pools: analysis.pools.map((pool) => ({
      pool: pool.label,
      address: pool.address,
      ...pool.attributes,
      flows: flows.filter((f) => f.pool === pool.label).map(({ pool: _pool, ...flow }) => flow),
    })),
    disabledRules: analysis.disabledRules.map((r) => r.address),
    cannotCompute: analysis.unverifiable,
  };
}

export function flowsCommand(paths: readonly string[], options: { format: 'text' | 'json'; output?: string }): never {
  const stacks = loadStacks(paths);
  const results = stacks.map(stackFlowsJson);
  if (options.format === 'json') {
    write(JSON.stringify({ stacks: results }, null, 2), options.output);
    throw new CliExit(EXIT_OK);
  }
  const lines: string[] = [];
  for (const stack of stacks) {
    const analysis = analyzeStack(stack);
    lines.push(`${stack.stack} (${stack.file})`);
    if (analysis.unverifiable.length > 0) {
      lines.push('  left out (cannot be read; the flows below come from the other rules):');
      for (const problem of analysis.unverifiable) lines.push(`    ${problem.address} ${problem.path}: ${problem.reason}`);
    }
    if (analysis.pools.length === 0) lines.push('  no node pools');
    const flows = openedFlows(analysis);
    for (const pool of analysis.pools) {
      lines.push(`  ${pool.label} (${pool.summary})`);
      for (const flow of flows.filter((f) => f.pool === pool.label)) {
        const traffic = flow.ports ? `${flow.protocol} ${flow.ports === 'all' ? '(all ports)' : flow.ports}` : flow.protocol;
        const peers = `${flow.direction === 'INGRESS' ? 'from' : 'to'} ${flow.peers.join(', ')}`;
        lines.push(`    ${flow.direction.padEnd(7)} ${traffic.padEnd(22)} ${peers}  [${flow.openedBy}]`);
      }
    }
    if (analysis.disabledRules.length > 0) lines.push(`  disabled: ${analysis.disabledRules.map((r) => r.address).join(', ')}`);
  }
  lines.push(`${plural(stacks.length, 'stack')}`);
  write(lines.join('\n'), options.output);
  throw new CliExit(EXIT_OK);
}

registerCommand((program: Command) => {
  program
    .command('check')
    .description('check Terraform JSON against the policy rules: a cdktf.out directory, stack directories, cdk.tf.json files or plan JSON ("terraform show -json")')
    .argument('<paths...>', 'cdktf.out, a stack directory, a cdk.tf.json or a plan JSON')
    .addOption(new Option('--format <format>', 'report format').choices([...REPORT_FORMATS]).default('text'))
    .option('--output <file>', 'write the report to a file (atomically) instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding at or above this severity is not suppressed').choices(['error', 'warning']).default('error'))
    .option('--suppressions <file>', `suppressions file (default: ${SUPPRESSIONS_FILE} in the working directory, when it exists)`)
    .option('--rules <ids>', 'only these rules: comma-separated ids or globs, e.g. "gke.*,network.exact-ports"')
    .option('--skip-rules <ids>', 'not these rules: comma-separated ids or globs')
    .option('--stack <names>', 'only these stacks: comma-separated names')
    .option('--catalog <dir>', 'catalog files that override the built-in ones (as validate-catalog accepts)')
    .addOption(rulesModuleOption('also run the rules a JavaScript module exports as `rules` (.ts when tsx is installed)'))
    .action((paths: string[], options: CheckOptions) => checkCommand(paths, options));

  program
    .command('explain')
    .description("print a rule's metadata: why it exists, its source in the vendor documents, and how to fix its findings")
    .argument('<rule>', 'rule id, e.g. network.exact-ports')
    .addOption(rulesModuleOption('a JavaScript module whose exported `rules` include the rule'))
    .action((id: string, options: { rulesModule: string[] }) => explainCommand(id, options.rulesModule));

  program
    .command('flows')
    .description('print the flows the GCP firewall rules or Azure network security groups open to each node pool')
    .argument('<paths...>', 'cdktf.out, a stack directory, a cdk.tf.json or a plan JSON')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--output <file>', 'write to a file instead of stdout')
    .action((paths: string[], options: { format: 'text' | 'json'; output?: string }) => flowsCommand(paths, options));
});
