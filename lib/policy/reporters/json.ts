import { summarize } from '../engine';
import { failing, positionOf, ReporterContext } from './common';

/** The public JSON shape of `cxunit check --format json`. */
export function jsonReport(context: ReporterContext): string {
  const { report } = context;
  const findings = report.findings.map((f) => {
    const position = positionOf(context, f);
    return {
      ruleId: f.ruleId,
      severity: f.severity,
      stack: f.stack,
      file: f.file,
      ...(position ? { line: position.line, column: position.column } : {}),
      address: f.address,
      path: f.path,
      message: f.message,
      reference: f.reference,
      suppressed: f.suppressed,
      ...(f.suppression ? { suppression: f.suppression } : {}),
      cannotVerify: f.cannotVerify === true,
      ...(f.internalError ? { internalError: true } : {}),
    };
  });
  const summary = {
    ...summarize(report),
    failOn: context.failOn,
    failing: failing(context).length,
    stackNames: report.stacks.map((s) => s.stack),
  };
  return JSON.stringify({ findings, summary }, null, 2);
}
