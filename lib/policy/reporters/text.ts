import { EvaluatedFinding, summarize } from '../engine';
import { originText, plural, positionOf, ReporterContext } from './common';

/** For people: one compiler-style line per finding (file:line:column), suppressed findings apart, then a summary. */
export function textReport(context: ReporterContext): string {
  const { report } = context;
  const active = report.findings.filter((f) => !f.suppressed);
  const suppressed = report.findings.filter((f) => f.suppressed);
  const lines: string[] = [];
  for (const finding of active) lines.push(...findingLines(context, finding));
  if (suppressed.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push(`suppressed (${suppressed.length}, not counted):`);
    for (const finding of suppressed) lines.push(...findingLines(context, finding));
  }
  if (lines.length > 0) lines.push('');
  lines.push(summaryLine(context));
  return lines.join('\n');
}

function findingLines(context: ReporterContext, finding: EvaluatedFinding): string[] {
  const position = positionOf(context, finding);
  const place = position ? `${finding.file}:${position.line}:${position.column}` : finding.file;
  const kind = finding.internalError ? 'internal error' : finding.cannotVerify ? `${finding.severity} (cannot verify)` : finding.severity;
  const origin = originText(finding);
  const lines = [
    `${place}: ${kind} ${finding.ruleId} [${finding.stack}] ${finding.address}: ${finding.message}`,
    ...(origin ? [`    ${origin}`] : []),
    `    reference: ${finding.reference}`,
  ];
  if (finding.suppression) {
    lines.push(`    suppressed: ${finding.suppression.reason} (${finding.suppression.source}${finding.suppression.expires ? `, until ${finding.suppression.expires}` : ''})`);
  }
  return lines;
}

export function summaryLine(context: ReporterContext): string {
  const summary = summarize(context.report);
  const checked = `${plural(summary.stacks, 'stack')}, ${plural(summary.rules, 'rule')}`;
  if (context.report.findings.length === 0) return `${checked}: no findings`;
  const parts = [plural(summary.errors, 'error'), plural(summary.warnings, 'warning')];
  if (summary.cannotVerify > 0) parts.push(`${summary.cannotVerify} cannot verify`);
  if (summary.internalErrors > 0) parts.push(plural(summary.internalErrors, 'internal error'));
  parts.push(`${summary.suppressed} suppressed`);
  return `${checked}: ${parts.join(', ')}`;
}
