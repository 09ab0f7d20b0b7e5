import * as fs from 'fs';
import * as path from 'path';
import { Diagnostic, InputError } from '../validation/diagnostic';
import { ENGINE_RULES } from './engine';
// Custom rules live in packs of their own: a built-in pack name would pass them off as cxunit's (docs links, stable ids).
import { RESERVED_PACKS, Rule } from './model';

/**
 * A team's own rules, from JavaScript modules (`cxunit check --rules-module FILE`, `rulesModules` in
 * policySuite and enforcePolicies). A module exports `rules`, an array of rule objects (or `module.exports`
 * / `export default` is that array). Every rule is validated when loaded: a rule that would crash the run
 * or report under a wrong or duplicate id is a usage error naming the file, the rule and the fix.
 */

const ID = /^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/;
const PACK = /^[a-z][a-z0-9-]*$/;
const BUILT_IN = 'a built-in rule';
const STRING_FIELDS = ['title', 'rationale', 'remediation'] as const;

const EXAMPLE = 'exports.rules = [{ id: "acme.labels", pack: "acme", title, severity: "error" | "warning", rationale, '
  + 'reference: { document, section }, remediation, suppressible: true, evaluate(stack, context) { return []; } }]';

export interface LoadRuleModulesOptions {
  /** Ids the custom rules must not reuse: the built-in rules (the engine's own checks are always reserved). */
  readonly reserved: readonly { readonly id: string }[];
  /** Resolves relative file names. @default process.cwd() */
  readonly cwd?: string;
  /** Loads one module (the CLI registers a TypeScript loader first for .ts files). @default require */
  readonly load?: (file: string) => unknown;
}

/** The rules of every module, in order; throws InputError listing every problem of every module. */
export function loadRuleModules(files: readonly string[], options: LoadRuleModulesOptions): Rule[] {
  const cwd = options.cwd ?? process.cwd();
  // require, not import(): the caller's loader applies (Jest transforms a .ts module, a cdktf app run by tsx or ts-node too)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = options.load ?? ((file: string) => require(file));
  const reserved = new Map<string, string>([...options.reserved, ...ENGINE_RULES].map((r) => [r.id, BUILT_IN]));
  const diagnostics: Diagnostic[] = [];
  const rules: Rule[] = [];
  for (const file of files) {
    const problem = (where: string, message: string) => diagnostics.push({ file, line: 0, column: 0, path: where, message });
    const resolved = path.resolve(cwd, file);
    if (!fs.existsSync(resolved)) {
      problem('', 'no such file: check the path of the rules module (a JavaScript file that exports `rules`)');
      continue;
    }
    let exported: unknown;
    try {
      exported = load(resolved);
    } catch (error) {
      problem('', `cannot load the rules module (${(error as Error).message.split('\n')[0]}): fix the error it throws when loaded`);
      continue;
    }
    const list = rulesExport(exported);
    if (!list) {
      problem('', `exports no rules: export an array of rules as \`rules\`, e.g. ${EXAMPLE}`);
      continue;
    }
    if (list.length === 0) {
      problem('rules', 'is empty: add at least one rule, or drop the module');
      continue;
    }
    list.forEach((candidate, index) => {
      const before = diagnostics.length;
      const rule = candidate as Partial<Record<keyof Rule, unknown>> | null;
      const at = typeof rule?.id === 'string' ? `rules[${index}] (${rule.id})` : `rules[${index}]`;
      if (!rule || typeof rule !== 'object') {
        problem(at, `is ${rule === null ? 'null' : typeof rule}, not a rule object: ${EXAMPLE}`);
        return;
      }
      const missing = (['id', 'pack', 'title', 'severity', 'rationale', 'reference', 'remediation', 'suppressible', 'evaluate'] as const)
        .filter((key) => rule[key] === undefined);
      if (missing.length > 0) problem(at, `is missing ${missing.join(', ')}: every rule needs id, pack, title, severity, rationale, reference, remediation, suppressible and evaluate`);
      if (rule.id !== undefined && (typeof rule.id !== 'string' || !ID.test(rule.id))) {
        problem(`${at}.id`, `${JSON.stringify(rule.id)} is not a rule id: write "<pack>.<name>" in lowercase, e.g. "acme.required-labels"`);
      }
      if (rule.pack !== undefined && (typeof rule.pack !== 'string' || !PACK.test(rule.pack) || RESERVED_PACKS.includes(rule.pack))) {
        problem(`${at}.pack`, `${JSON.stringify(rule.pack)} is not a pack of your own: use one lowercase word other than ${RESERVED_PACKS.join(', ')}, e.g. "acme"`);
      } else if (typeof rule.pack === 'string' && typeof rule.id === 'string' && ID.test(rule.id) && !rule.id.startsWith(`${rule.pack}.`)) {
        problem(`${at}.id`, `"${rule.id}" is not in its pack "${rule.pack}": start the id with "${rule.pack}."`);
      }
      if (rule.severity !== undefined && rule.severity !== 'error' && rule.severity !== 'warning') {
        problem(`${at}.severity`, `${JSON.stringify(rule.severity)} is not a severity: use "error" or "warning"`);
      }
      for (const key of STRING_FIELDS) {
        if (rule[key] !== undefined && (typeof rule[key] !== 'string' || (rule[key] as string).trim() === '')) problem(`${at}.${key}`, 'must be a non-empty string: say it in words');
      }
      const reference = rule.reference as { document?: unknown; section?: unknown } | undefined;
      if (reference !== undefined && (typeof reference !== 'object' || reference === null || typeof reference.document !== 'string' || typeof reference.section !== 'string')) {
        problem(`${at}.reference`, 'must be { document, section }: name the document the requirement comes from and its section');
      }
      if (rule.suppressible !== undefined && typeof rule.suppressible !== 'boolean') problem(`${at}.suppressible`, 'must be true or false');
      if (rule.evaluate !== undefined && typeof rule.evaluate !== 'function') problem(`${at}.evaluate`, 'must be a function (stack, context) returning a list of violations');
      if (rule.notApplicable !== undefined && typeof rule.notApplicable !== 'function') problem(`${at}.notApplicable`, 'must be a function (stack) returning why the rule does not apply to it, or undefined');
      if (rule.helpUri !== undefined && (typeof rule.helpUri !== 'string' || !/^https?:\/\//.test(rule.helpUri))) problem(`${at}.helpUri`, 'must be an http(s) URL: where the rule is documented');
      const owner = typeof rule.id === 'string' ? reserved.get(rule.id) : undefined;
      if (owner === BUILT_IN) {
        problem(`${at}.id`, `"${rule.id}" is the id of a built-in rule: give the rule an id in your own pack, e.g. "acme.${(rule.id as string).split('.').pop()}"`);
      } else if (owner !== undefined) {
        problem(`${at}.id`, `"${rule.id}" is already the id of ${owner}: give each rule an id of its own`);
      }
      if (diagnostics.length > before) return;
      reserved.set(rule.id as string, `rules[${index}] in ${file}`);
      rules.push(rule as unknown as Rule);
    });
  }
  if (diagnostics.length > 0) throw new InputError(diagnostics);
  return rules;
}

function rulesExport(exported: unknown): readonly unknown[] | undefined {
  if (Array.isArray(exported)) return exported;
  if (!exported || typeof exported !== 'object') return undefined;
  const named = (exported as { rules?: unknown; default?: unknown }).rules ?? (exported as { default?: unknown }).default;
  if (Array.isArray(named)) return named;
  const nested = (named as { rules?: unknown } | undefined)?.rules;
  return Array.isArray(nested) ? nested : undefined;
}

/** The given rules, then those of the modules (validated against both, and against ALL_RULES when passed as reserved). */
export function rulesWithModules(rules: readonly Rule[], files: readonly string[], reserved: readonly { readonly id: string }[] = []): readonly Rule[] {
  if (files.length === 0) return rules;
  return [...rules, ...loadRuleModules(files, { reserved: [...reserved, ...rules] })];
}
