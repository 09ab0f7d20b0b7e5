import { EvaluatedFinding } from '../engine';
import { failsAt } from '../engine';
import { originText, positionOf, ReporterContext } from './common';
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

/** At the user's source line when known (a pull request shows it in the diff), else in the Terraform JSON. */
function annotation(context: ReporterContext, finding: EvaluatedFinding): string {
  const command = finding.suppressed ? 'notice' : failsAt(finding, context.failOn) ? 'error' : 'warning';
  const position = positionOf(context, finding);
  const place = finding.source
    ? [`file=${escapeProperty(finding.source.file)}`, `line=${finding.source.line}`, `col=${finding.source.column}`]
    : [`file=${escapeProperty(finding.file)}`, ...(position ? [`line=${position.line}`, `col=${position.column}`] : [])];
  const properties = [...place, `title=${escapeProperty(`${finding.ruleId} (${finding.stack} ${finding.address})`)}`];
  const origin = originText(finding);
  const terraform = finding.source ? `\nin ${finding.file}${position ? `:${position.line}:${position.column}` : ''}` : '';
  const suppressed = finding.suppression ? `\nsuppressed: ${finding.suppression.reason}` : '';
  return `::${command} ${properties.join(',')}::${escapeData(`${finding.message}${origin ? `\n${origin}` : ''}${terraform}\nreference: ${finding.reference}${suppressed}`)}`;
}

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
