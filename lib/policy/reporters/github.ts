import { EvaluatedFinding } from '../engine';
import { failsAt } from '../engine';
import { positionOf, ReporterContext } from './common';
import { summaryLine } from './text';

/**
 * GitHub Actions workflow commands: an annotation per finding (`::error file=…,line=…,title=…::message`),
 * `::warning` below --fail-on, `::notice` for suppressed ones.
 */
export function githubReport(context: ReporterContext): string {
  const lines = context.report.findings.map((finding) => annotation(context, finding));
  lines.push(summaryLine(context));
  return lines.join('\n');
}

function annotation(context: ReporterContext, finding: EvaluatedFinding): string {
  const command = finding.suppressed ? 'notice' : failsAt(finding, context.failOn) ? 'error' : 'warning';
  const position = positionOf(context, finding);
  const properties = [
    `file=${escapeProperty(finding.file)}`,
    ...(position ? [`line=${position.line}`, `col=${position.column}`] : []),
    `title=${escapeProperty(`${finding.ruleId} (${finding.stack} ${finding.address})`)}`,
  ];
  const suppressed = finding.suppression ? `\nsuppressed: ${finding.suppression.reason}` : '';
  return `::${command} ${properties.join(',')}::${escapeData(`${finding.message}\nreference: ${finding.reference}${suppressed}`)}`;
}

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
