import { githubReport } from './github';
import { jsonReport } from './json';
import { junitReport } from './junit';
import { sarifReport } from './sarif';
import { textReport } from './text';
import { ReporterContext, ReportFormat } from './common';

export { REPORT_FORMATS } from './common';
export type { ReportFormat, ReporterContext } from './common';

export const REPORTERS: Readonly<Record<ReportFormat, (context: ReporterContext) => string>> = {
  text: textReport,
  json: jsonReport,
  sarif: sarifReport,
  junit: junitReport,
  github: githubReport,
};
