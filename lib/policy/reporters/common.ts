import { packageInfo } from '../../package-info';
import { TextPosition } from '../json-text';
import { AnyRuleMetadata, EvaluatedFinding, failsAt, PolicyReport } from '../engine';
import { SourceLocator } from '../locations';
import { RESERVED_PACKS, Severity } from '../model';

export type ReportFormat = 'text' | 'json' | 'sarif' | 'junit' | 'github';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'sarif', 'junit', 'github'];

export interface ReporterContext {
  readonly report: PolicyReport;
  /** Findings below this severity are reported but do not fail (junit reports them as output, not failures). */
  readonly failOn: Severity;
  readonly locator: SourceLocator;
  /** Directory that relative file names are relative to (SARIF's %SRCROOT%). */
  readonly cwd: string;
}

export function positionOf(context: ReporterContext, finding: EvaluatedFinding): TextPosition | undefined {
  return finding.location ?? context.locator.locate(finding.file, finding.path);
}

export function failing(context: ReporterContext): EvaluatedFinding[] {
  return context.report.findings.filter((f) => failsAt(f, context.failOn));
}

/** cxunit's version, from its package.json. */
export function toolVersion(): string {
  return packageInfo().version;
}

/** GitHub's heading anchor for `### network.exact-ports` in docs/policies.md. */
export function ruleAnchor(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
}

/** Where a rule is documented: its own helpUri, or a built-in rule's section of docs/policies.md in the repository. */
export function helpUriOf(rule: AnyRuleMetadata): string | undefined {
  if (rule.helpUri) return rule.helpUri;
  const web = packageInfo().webUrl;
  return web && RESERVED_PACKS.includes(rule.pack) ? `${web}/blob/main/docs/policies.md#${ruleAnchor(rule.id)}` : undefined;
}

/** `usw1/unit/cluster/cluster, created at main.ts:12:5`: where the finding's resource comes from in the user's code. */
export function originText(finding: EvaluatedFinding): string | undefined {
  const parts = [
    ...(finding.constructPath ? [`construct ${finding.constructPath}`] : []),
    ...(finding.source ? [`created at ${finding.source.file}:${finding.source.line}:${finding.source.column}`] : []),
  ];
  return parts.length > 0 ? parts.join(', ') : undefined;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
