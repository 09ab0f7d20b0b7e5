import { Command, Option } from 'commander';
import { AnyRuleMetadata, ENGINE_RULES, metadataOf } from '../policy/engine';
import { CliExit, EXIT_OK, writeStdout } from './output';
import { registerCommand } from './program';
import { availableRules } from './rule-selection';

/** `cxunit rules`: every rule (built-in, custom from --rules-module, then the engine's own checks), as a table or JSON. */

export type RulesFormat = 'text' | 'json';

const COLUMNS = ['id', 'pack', 'severity', 'suppressible', 'title'] as const;

function row(rule: AnyRuleMetadata): Record<(typeof COLUMNS)[number], string | boolean> {
  return { id: rule.id, pack: rule.pack, severity: rule.severity, suppressible: rule.suppressible, title: rule.title };
}

export function renderRules(rules: readonly AnyRuleMetadata[], format: RulesFormat): string {
  const rows = rules.map(row);
  if (format === 'json') return JSON.stringify(rows, null, 2);
  const cells = [[...COLUMNS], ...rows.map((r) => COLUMNS.map((c) => (typeof r[c] === 'boolean' ? (r[c] ? 'yes' : 'no') : String(r[c]))))];
  const widths = COLUMNS.map((_, i) => Math.max(...cells.map((line) => line[i].length)));
  return cells.map((line) => line.map((cell, i) => (i === line.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')).join('\n');
}

/** `--rules-module FILE`, repeatable: the files in order. */
export function rulesModuleOption(description: string): Option {
  return new Option('--rules-module <file>', `${description} (repeatable)`).argParser((file: string, previous: string[]) => [...previous, file]).default([], 'none');
}

registerCommand((program: Command) => {
  program
    .command('rules')
    .description('list the rules: id, pack, severity, whether findings can be suppressed, title')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(rulesModuleOption('also list the rules a JavaScript module exports as `rules`'))
    .action((options: { format: RulesFormat; rulesModule: string[] }) => {
      const rules = [...availableRules(options.rulesModule).map(metadataOf), ...ENGINE_RULES];
      writeStdout(`${renderRules(rules, options.format)}\n`);
      throw new CliExit(EXIT_OK);
    });
});
