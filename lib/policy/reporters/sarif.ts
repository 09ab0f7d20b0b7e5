import { createHash } from 'crypto';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Location, Log, PhysicalLocation, ReportingDescriptor, Result } from 'sarif';
import { documentTitle } from '../../architecture/documents';
import { AnyRuleMetadata, EvaluatedFinding, failsAt, formatReference } from '../engine';
import { Severity } from '../model';
import { helpUriOf, positionOf, ReporterContext, toolVersion } from './common';

const SRCROOT = '%SRCROOT%';

/** GitHub code scanning ranks alerts by this (7.0-8.9 high, 4.0-6.9 medium). */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { error: '8.0', warning: '5.0' };

/**
 * SARIF 2.1.0 for code-scanning tools: one rule descriptor per rule id (help text, helpUri, security-severity),
 * one result per finding located at the user's source line when the unit recorded it (the Terraform JSON
 * then is a related location), else at its file (relative to %SRCROOT%, the working directory) and the
 * line of the value; the resource address and construct path as logical locations. Fingerprints hash the
 * rule, stack, resource and JSON path (never the message, so rewording keeps alerts). Suppressed findings
 * keep their result, with a SARIF suppression carrying the reason.
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
    ...(helpUriOf(rule) ? { helpUri: helpUriOf(rule) } : {}),
    defaultConfiguration: { level: rule.severity === 'error' ? 'error' : 'warning' },
    properties: {
      tags: ['cxunit', rule.pack, ...(rule.pack === 'engine' ? [] : ['security'])],
      'security-severity': SECURITY_SEVERITY[rule.severity],
      pack: rule.pack,
      suppressible: rule.suppressible,
      reference,
      document: { file: rule.reference.document, title: documentTitle(rule.reference.document), section: rule.reference.section },
    },
  };
}

/** Stable across rewordings of the message and across runs: what is wrong (rule), where (stack, resource, JSON path). */
export function fingerprint(finding: EvaluatedFinding): string {
  return createHash('sha256').update(JSON.stringify([finding.ruleId, finding.stack, finding.address, finding.path])).digest('hex').slice(0, 32);
}

function terraformLocation(context: ReporterContext, finding: EvaluatedFinding): PhysicalLocation {
  const position = positionOf(context, finding);
  return {
    artifactLocation: artifact(finding.file),
    ...(position ? { region: { startLine: position.line, startColumn: position.column } } : {}),
  };
}

function result(context: ReporterContext, finding: EvaluatedFinding, ruleIndex: number | undefined): Result {
  const terraform = terraformLocation(context, finding);
  const physicalLocation: PhysicalLocation = finding.source
    ? { artifactLocation: artifact(finding.source.file), region: { startLine: finding.source.line, startColumn: finding.source.column } }
    : terraform;
  const related: Location[] = finding.source ? [{ id: 1, physicalLocation: terraform, message: { text: `${finding.address} in the synthesized Terraform JSON` } }] : [];
  const level = finding.suppressed ? (finding.severity === 'error' ? 'error' : 'warning') : failsAt(finding, context.failOn) ? 'error' : 'warning';
  return {
    ruleId: finding.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level,
    message: { text: finding.message },
    locations: [{
      physicalLocation,
      logicalLocations: [
        { name: finding.address, fullyQualifiedName: `${finding.stack}/${finding.address}`, kind: 'resource' },
        ...(finding.constructPath ? [{ name: finding.constructPath.split('/').pop()!, fullyQualifiedName: finding.constructPath, kind: 'object' }] : []),
      ],
    }],
    ...(related.length > 0 ? { relatedLocations: related } : {}),
    partialFingerprints: { 'cxunit/v2': fingerprint(finding) },
    ...(finding.suppression ? { suppressions: [{ kind: finding.suppression.source.includes('["//"]') ? 'inSource' as const : 'external' as const, status: 'accepted' as const, justification: finding.suppression.reason }] } : {}),
    properties: {
      stack: finding.stack,
      path: finding.path,
      ...(finding.constructPath ? { constructPath: finding.constructPath } : {}),
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
