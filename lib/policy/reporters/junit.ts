import { EvaluatedFinding, failsAt } from '../engine';
import { originText, plural, positionOf, ReporterContext } from './common';

/**
 * JUnit XML for CI test dashboards: one testsuite per stack, one testcase per rule. A rule with findings
 * at or above --fail-on fails (an internal error is an <error>); other findings and suppressed ones go
 * to the testcase's output; a rule with nothing to check in the stack (a gke rule on an AKS stack) is
 * skipped, saying why. Engine findings about the suppressions file form their own suite.
 */
export function junitReport(context: ReporterContext): string {
  const { report } = context;
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  const suiteNames = [...report.stacks.map((s) => s.stack), ...new Set(report.findings.map((f) => f.stack).filter((s) => !report.stacks.some((k) => k.stack === s)))];
  for (const name of suiteNames) {
    const stack = report.stacks.find((s) => s.stack === name);
    const findings = report.findings.filter((f) => f.stack === name);
    const rules = report.rules.filter((r) => r.pack !== 'engine' ? stack !== undefined : findings.some((f) => f.ruleId === r.id));
    const cases: string[] = [];
    let suiteFailures = 0;
    let suiteErrors = 0;
    let suiteSkipped = 0;
    for (const rule of rules) {
      const ruleFindings = findings.filter((f) => f.ruleId === rule.id);
      const failed = ruleFindings.filter((f) => failsAt(f, context.failOn));
      const internal = failed.filter((f) => f.internalError);
      const others = ruleFindings.filter((f) => !failed.includes(f));
      const body: string[] = [];
      if (internal.length > 0) {
        suiteErrors++;
        body.push(`<error type="internal-error" message="${attr(internal[0].message)}">${text(internal.map((f) => line(context, f)).join('\n'))}</error>`);
      } else if (failed.length > 0) {
        suiteFailures++;
        body.push(`<failure type="${failed[0].severity}" message="${attr(`${plural(failed.length, 'finding')}: ${failed[0].message}`)}">${text(failed.map((f) => line(context, f)).join('\n'))}</failure>`);
      }
      if (others.length > 0) body.push(`<system-out>${text(others.map((f) => `${f.suppressed ? 'suppressed' : f.severity}: ${line(context, f)}`).join('\n'))}</system-out>`);
      const notApplicable = ruleFindings.length === 0 ? report.notApplicable?.find((n) => n.stack === name && n.ruleId === rule.id) : undefined;
      if (notApplicable) {
        suiteSkipped++;
        body.push(`<skipped message="${attr(`does not apply: ${notApplicable.reason}`)}"/>`);
      }
      const open = `<testcase classname="${attr(stack || name !== '*' ? name : findings[0]?.file ?? name)}" name="${attr(`${rule.id}: ${rule.title}`)}"${stack ? ` file="${attr(stack.file)}"` : ''}`;
      cases.push(body.length > 0 ? `    ${open}>\n      ${body.join('\n      ')}\n    </testcase>` : `    ${open}/>`);
    }
    tests += rules.length;
    failures += suiteFailures;
    errors += suiteErrors;
    skipped += suiteSkipped;
    const file = stack?.file ?? findings[0]?.file ?? '';
    // Engine findings that concern no one stack (a suppressions-file entry without a stack) form a suite named after their file.
    const suiteName = stack || name !== '*' ? name : file;
    suites.push(`  <testsuite name="${attr(suiteName)}" tests="${rules.length}" failures="${suiteFailures}" errors="${suiteErrors}" skipped="${suiteSkipped}" file="${attr(file)}">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return ['<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="cxunit check" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}">`, ...suites, '</testsuites>'].join('\n');
}

function line(context: ReporterContext, finding: EvaluatedFinding): string {
  const position = positionOf(context, finding);
  const place = position ? `${finding.file}:${position.line}:${position.column}` : finding.file;
  const suppressed = finding.suppression ? ` (suppressed: ${finding.suppression.reason})` : '';
  const origin = originText(finding);
  return `${place} ${finding.address}: ${finding.message} [${finding.reference}]${origin ? ` (${origin})` : ''}${suppressed}`;
}

function text(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD]/g, '');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}
