import * as fs from 'fs';
import * as path from 'path';
import { CXUNIT_METADATA_KEY } from '../network/boundaries';
import { Diagnostic, InputError } from '../validation/diagnostic';
import { yamlFileModule } from '../validation/lazy';
import { inputValidator } from './input-validators';
import { StackInput } from './model';
import { didYouMean } from './did-you-mean';

/**
 * Accepted findings, each with a reason (at least 10 characters) and an optional expiry date: from a
 * `cxunit-suppressions.yaml`, or from a resource's `"//".cxunit.suppressions` metadata (written by the
 * construct helper `suppress()` in lib/policy-aspect.ts).
 */

export const SUPPRESSIONS_FILE = 'cxunit-suppressions.yaml';

export interface Suppression {
  readonly ruleId: string;
  /** The address findings name (`google_compute_firewall.ssh`, or `stack` for findings about the stack). */
  readonly address: string;
  /** Only findings of this stack; every stack when absent. */
  readonly stack?: string;
  readonly reason: string;
  /** YYYY-MM-DD: the suppression holds through this day (UTC). */
  readonly expires?: string;
  readonly source: SuppressionSource;
}

export interface SuppressionSource {
  readonly kind: 'file' | 'resource';
  readonly file: string;
  /** Path of the entry in its file (`suppressions[2]`, or the resource's JSON path + `["//"].cxunit.suppressions[0]`). */
  readonly path: string;
  readonly line: number;
  readonly column: number;
}

/** Reads and validates a suppressions file; throws InputError (located) when it is invalid. */
export function loadSuppressionsFile(file: string, knownRuleIds: ReadonlySet<string>, displayName = file): Suppression[] {
  const { YamlFile, validateYaml } = yamlFileModule();
  const yamlFile = YamlFile.read(file, displayName);
  if (!(yamlFile instanceof YamlFile)) throw new InputError([yamlFile]);
  const diagnostics: Diagnostic[] = validateYaml(yamlFile, inputValidator('suppressionsFile'));
  if (diagnostics.length > 0) throw new InputError(diagnostics);
  const entries = (yamlFile.data as { suppressions: Array<Omit<Suppression, 'source'>> }).suppressions;
  const suppressions: Suppression[] = [];
  entries.forEach((entry, index) => {
    if (!knownRuleIds.has(entry.ruleId)) {
      diagnostics.push(yamlFile.diagnostic(['suppressions', index, 'ruleId'], `unknown rule "${entry.ruleId}"${didYouMean(entry.ruleId, [...knownRuleIds].sort())}: use one of ${[...knownRuleIds].sort().join(', ')}`));
    }
    if (entry.expires !== undefined && !isCalendarDate(entry.expires)) {
      diagnostics.push(yamlFile.diagnostic(['suppressions', index, 'expires'], `"${entry.expires}" is not a date: write a real day as YYYY-MM-DD`));
    }
    const at = yamlFile.diagnostic(['suppressions', index], '');
    suppressions.push({
      ruleId: entry.ruleId, address: entry.address, reason: entry.reason.trim(),
      ...(entry.stack !== undefined ? { stack: entry.stack } : {}),
      ...(entry.expires !== undefined ? { expires: entry.expires } : {}),
      source: { kind: 'file', file: displayName, path: at.path, line: at.line, column: at.column },
    });
  });
  if (diagnostics.length > 0) throw new InputError(diagnostics);
  return suppressions;
}

/** The default suppressions file, when it exists in the directory. */
export function defaultSuppressionsFile(dir: string): string | undefined {
  const file = path.join(dir, SUPPRESSIONS_FILE);
  return fs.existsSync(file) ? file : undefined;
}

interface ResourceSuppressionEntry {
  readonly ruleId: string;
  readonly reason: string;
  readonly expires?: string;
}

/** Suppressions written in the stack's resources' metadata (already validated by inputs.ts). */
export function resourceSuppressions(stack: StackInput): Suppression[] {
  const suppressions: Suppression[] = [];
  // Indexed: every resource of every stack, mostly before V8 has optimized this (see values.ts readPath).
  for (let r = 0; r < stack.resources.length; r++) {
    const resource = stack.resources[r];
    const entries = (resource.metadata?.[CXUNIT_METADATA_KEY] as { suppressions?: ResourceSuppressionEntry[] } | undefined)?.suppressions;
    if (!Array.isArray(entries)) continue;
    entries.forEach((entry, index) => {
      suppressions.push({
        ruleId: entry.ruleId, address: resource.address, stack: stack.stack, reason: String(entry.reason).trim(),
        ...(entry.expires !== undefined ? { expires: entry.expires } : {}),
        source: {
          kind: 'resource', file: resource.metadataSource?.file ?? stack.file,
          path: `${resource.metadataSource?.jsonPath ?? resource.jsonPath}["//"].${CXUNIT_METADATA_KEY}.suppressions[${index}]`, line: 0, column: 0,
        },
      });
    });
  }
  return suppressions;
}

/** `2025-02-30` is not a day. */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

/** Today, UTC, as YYYY-MM-DD. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function isExpired(suppression: Suppression, on: string): boolean {
  return suppression.expires !== undefined && suppression.expires < on;
}

export function describeSource(source: SuppressionSource): string {
  return `${source.file} ${source.path}`;
}
