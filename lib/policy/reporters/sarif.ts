import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { AnyRuleMetadata, EvaluatedFinding, failsAt, formatReference } from '../engine';
import { positionOf, ReporterContext, toolVersion } from './common';

const SRCROOT = '%SRCROOT%';

/**
 * SARIF 2.1.0 for code-scanning tools: one rule descriptor per rule id (with help text), one result per
 * finding located at its file (relative to %SRCROOT%, the working directory), the line of the value
 * when it can be found, and the resource address as a logical location. Suppressed findings keep their
 * result, with a SARIF suppression carrying the reason.
 */
export function sarifReport(context: ReporterContext): string {
  const rules = context.report.rules;
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'cxunit',
          version: toolVersion(),
          rules: rules.map(descriptor),
        },
      },
      originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(`${context.cwd.replace(/[\\/]$/, '')}/`).href } },
      results: context.report.findings.map((finding) => result(context, finding, index.get(finding.ruleId))),
    }],
  };
  return JSON.stringify(log, null, 2);
}

function descriptor(rule: AnyRuleMetadata): ReportingDescriptor {
  const reference = formatReference(rule.reference);
  return {
    id: rule.id,
    name: rule.id.replace(/^[a-z]+\./, '').replace(/(^|[-.])([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: {
      text: `${rule.remediation}\n\nSource: ${reference}.${rule.suppressible ? '' : ' This rule cannot be suppressed.'}`,
      markdown: `**${rule.title}**\n\n${rule.rationale}\n\n**Fix:** ${rule.remediation}\n\n**Source:** ${reference}${rule.suppressible ? '' : '\n\nThis rule cannot be suppressed.'}`,
    },
    defaultConfiguration: { level: rule.severity === 'error' ? 'error' : 'warning' },
    properties: { tags: ['cxunit', rule.pack], pack: rule.pack, suppressible: rule.suppressible, reference },
  };
}

function result(context: ReporterContext, finding: EvaluatedFinding, ruleIndex: number | undefined): Result {
  const position = positionOf(context, finding);
  const level = finding.suppressed ? (finding.severity === 'error' ? 'error' : 'warning') : failsAt(finding, context.failOn) ? 'error' : 'warning';
  return {
    ruleId: finding.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level,
    message: { text: finding.message },
    locations: [{
      physicalLocation: {
        artifactLocation: artifact(finding.file),
        ...(position ? { region: { startLine: position.line, startColumn: position.column } } : {}),
      },
      logicalLocations: [{ name: finding.address, fullyQualifiedName: `${finding.stack}/${finding.address}`, kind: 'resource' }],
    }],
    partialFingerprints: { 'cxunit/v1': [finding.ruleId, finding.stack, finding.address, finding.message].join('|') },
    ...(finding.suppression ? { suppressions: [{ kind: finding.suppression.source.includes('["//"]') ? 'inSource' as const : 'external' as const, status: 'accepted' as const, justification: finding.suppression.reason }] } : {}),
    properties: {
      stack: finding.stack,
      path: finding.path,
      reference: finding.reference,
      cannotVerify: finding.cannotVerify === true,
      ...(finding.internalError ? { internalError: true } : {}),
    },
  };
}

function artifact(file: string): { uri: string; uriBaseId?: string } {
  if (path.isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split(/[\\/]/).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}
