import { documentTitle } from '../../architecture/documents';
import { summarize } from '../engine';
import { failing, helpUriOf, positionOf, ReporterContext } from './common';

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
      ...(f.constructPath ? { constructPath: f.constructPath } : {}),
      ...(f.source ? { source: f.source } : {}),
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
  const rules = report.rules.map((r) => ({
    id: r.id, pack: r.pack, severity: r.severity, suppressible: r.suppressible, title: r.title,
    reference: { document: r.reference.document, title: documentTitle(r.reference.document), section: r.reference.section },
    ...(helpUriOf(r) ? { helpUri: helpUriOf(r) } : {}),
  }));
  // Rules that found nothing because they have nothing to check in a stack (a gke rule on an AKS stack).
  const notApplicable = report.notApplicable ?? [];
  return JSON.stringify({ findings, summary, rules, notApplicable }, null, 2);
}
