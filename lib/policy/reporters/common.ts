import * as fs from 'fs';
import * as path from 'path';
import { TextPosition } from '../json-text';
import { EvaluatedFinding, failsAt, PolicyReport } from '../engine';
import { SourceLocator } from '../locations';
import { Severity } from '../model';

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

let version: string | undefined;

/** cxunit's version, from its package.json (the same whether running from lib/ or dist/lib/). */
export function toolVersion(): string {
  if (version === undefined) {
    version = '0.0.0';
    for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const file = path.join(dir, 'package.json');
      if (!fs.existsSync(file)) continue;
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'cxunit') {
        version = pkg.version ?? version;
        break;
      }
    }
  }
  return version;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
