import { ReporterContext, ReportFormat } from './common';

export { REPORT_FORMATS } from './common';
export type { ReportFormat, ReporterContext } from './common';

/* eslint-disable @typescript-eslint/no-require-imports -- a reporter is loaded when its format is chosen: a `cxunit check`
   writes one format, and SARIF's fingerprints and URIs load Node's crypto and url (about 4 ms of start-up, bench/policy.js). */
export const REPORTERS: Readonly<Record<ReportFormat, (context: ReporterContext) => string>> = {
  text: (context) => (require('./text') as typeof import('./text')).textReport(context),
  json: (context) => (require('./json') as typeof import('./json')).jsonReport(context),
  sarif: (context) => (require('./sarif') as typeof import('./sarif')).sarifReport(context),
  junit: (context) => (require('./junit') as typeof import('./junit')).junitReport(context),
  github: (context) => (require('./github') as typeof import('./github')).githubReport(context),
};
/* eslint-enable @typescript-eslint/no-require-imports */
