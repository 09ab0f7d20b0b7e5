import { ALL_RULES } from '../../policies';
import { Rule } from '../policy/model';
import { loadRuleModules } from '../policy/rule-modules';
import { CliExit, EXIT_USAGE } from './output';
import { didYouMean } from '../policy/did-you-mean';

/** `--rules`, `--skip-rules`, `--stack` and `--rules-module`: which rules run on which stacks. */

export interface RuleSelectionOptions {
  /** Comma-separated ids or globs (`gke.*`): only these rules. */
  readonly rules?: string;
  /** Comma-separated ids or globs: not these rules. */
  readonly skipRules?: string;
  /** JavaScript (or, with tsx installed, TypeScript) files that export `rules`. */
  readonly rulesModule?: readonly string[];
}

/** The built-in rules, then the custom rules of the modules (validated: a bad module is a usage error). */
export function availableRules(modules: readonly string[] = [], cwd = process.cwd()): readonly Rule[] {
  if (modules.length === 0) return ALL_RULES;
  return [...ALL_RULES, ...loadRuleModules(modules, { reserved: ALL_RULES, cwd, load: loadModule })];
}

/** A .ts module through tsx's scoped require when tsx is installed (the project's, else cxunit's own); JavaScript as is. */
function loadModule(file: string): unknown {
  /* eslint-disable @typescript-eslint/no-require-imports -- a module named at run time */
  if (!/\.[cm]?ts$/.test(file)) return require(file);
  let tsx: { require(id: string, fromFile: string): unknown };
  try {
    tsx = require(require.resolve('tsx/cjs/api', { paths: [process.cwd(), __dirname] }));
    /* eslint-enable @typescript-eslint/no-require-imports */
  } catch {
    throw new Error('a TypeScript rules module needs tsx: install it (npm install --save-dev tsx) or compile the module to JavaScript');
  }
  return tsx.require(file, __filename);
}

function patterns(list: string | undefined): string[] {
  return (list ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '');
}

function matcher(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

/** The rules `--rules` selects minus those `--skip-rules` names; a pattern that matches no rule is a usage error. */
export function selectRules(rules: readonly Rule[], options: RuleSelectionOptions): Rule[] {
  const check = (flag: string, list: string[]) => {
    for (const pattern of list) {
      if (!rules.some((r) => matcher(pattern).test(r.id))) {
        const what = /[*?]/.test(pattern) ? 'matches no rule' : `is not a rule id${didYouMean(pattern, rules.map((r) => r.id))}`;
        throw new CliExit(EXIT_USAGE, `${flag}: "${pattern}" ${what}: use ids or globs of ${rules.map((r) => r.id).join(', ')} ("cxunit rules" lists them)`);
      }
    }
  };
  const only = patterns(options.rules);
  const skip = patterns(options.skipRules);
  if (options.rules !== undefined && only.length === 0) throw new CliExit(EXIT_USAGE, '--rules: give at least one rule id or glob, e.g. --rules "gke.*"');
  check('--rules', only);
  check('--skip-rules', skip);
  const selected = rules.filter((r) => (only.length === 0 || only.some((p) => matcher(p).test(r.id))) && !skip.some((p) => matcher(p).test(r.id)));
  if (selected.length === 0) throw new CliExit(EXIT_USAGE, 'no rule left to run: --skip-rules removes every rule that --rules selects');
  return selected;
}

/** The stacks `--stack` names (every stack when it is not given), chosen as they are read. */
export interface StackSelection {
  wants(stack: string): boolean;
  /** After reading: a name that is not a stack of the input (`read`: every stack read) is a usage error. */
  checkNames(read: readonly string[]): void;
}

export function stackSelection(names: string | undefined): StackSelection {
  if (names === undefined) return { wants: () => true, checkNames: () => undefined };
  const wanted = patterns(names);
  if (wanted.length === 0) throw new CliExit(EXIT_USAGE, '--stack: give at least one stack name');
  return {
    wants: (stack) => wanted.includes(stack),
    checkNames: (read) => {
      const unknown = wanted.filter((name) => !read.includes(name));
      if (unknown.length > 0) {
        const hint = unknown.length === 1 ? didYouMean(unknown[0], read) : '';
        throw new CliExit(EXIT_USAGE, `--stack: ${unknown.map((n) => `"${n}"`).join(', ')} ${unknown.length === 1 ? 'is not a stack' : 'are not stacks'} of the input${hint}: use one of ${read.join(', ')}`);
      }
    },
  };
}
