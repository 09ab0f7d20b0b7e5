import { CXUNIT_METADATA_KEY, UnitBoundaries } from '../network/boundaries';
import { asSourceSite } from '../source-site';
import { withDeployTimeLists } from './deploy-time';
import { StackInput } from './model';
import { readConfiguration, ReportProblem } from './terraform-json';

/**
 * A stack from a Terraform JSON configuration (a CDKTF `cdk.tf.json` or any `*.tf.json`, already
 * parsed), normalized by terraform-json.ts. Shape problems go to `report`; the caller turns them into
 * located diagnostics (see inputs.ts). Without `report` they are ignored.
 */
export function stackFromCdktfJson(document: Record<string, unknown>, file: string, stack: string, report: ReportProblem = () => undefined): StackInput {
  const { resources, unreadable } = readConfiguration(document, report);
  const comment = document['//'];
  const cxunit = withDeployTimeLists(comment !== null && typeof comment === 'object' ? (comment as Record<string, unknown>)[CXUNIT_METADATA_KEY] : undefined) as Record<string, unknown> | undefined;
  const boundaries = cxunit?.boundaries as UnitBoundaries | undefined;
  const serviceGroups = cxunit?.serviceGroups as string[] | undefined;
  const createdAt = asSourceSite(cxunit?.createdAt);
  return {
    stack, file, format: 'cdktf', resources,
    ...(boundaries ? { boundaries } : {}),
    ...(serviceGroups ? { serviceGroups } : {}),
    ...(createdAt ? { createdAt } : {}),
    ...(unreadable.length > 0 ? { unreadable } : {}),
  };
}
