import { CXUNIT_METADATA_KEY, UnitBoundaries } from '../network/boundaries';
import { asSourceSite } from '../source-site';
import { StackInput, TerraformResource } from './model';

/**
 * A stack from a CDKTF `cdk.tf.json` document (already parsed). Shape errors are the caller's job
 * (see inputs.ts); this only maps `resource.<type>.<name>` to resources.
 */
export function stackFromCdktfJson(document: Record<string, unknown>, file: string, stack: string): StackInput {
  const resources: TerraformResource[] = [];
  const byType = (document.resource ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
  for (const [type, byName] of Object.entries(byType)) {
    for (const [name, values] of Object.entries(byName)) {
      const metadata = values['//'] as Record<string, unknown> | undefined;
      resources.push({ type, name, address: `${type}.${name}`, values, jsonPath: `resource.${type}.${name}`, ...(metadata ? { metadata } : {}) });
    }
  }
  const cxunit = ((document['//'] ?? {}) as Record<string, Record<string, unknown> | undefined>)[CXUNIT_METADATA_KEY];
  const boundaries = cxunit?.boundaries as UnitBoundaries | undefined;
  const serviceGroups = cxunit?.serviceGroups as string[] | undefined;
  const createdAt = asSourceSite(cxunit?.createdAt);
  return {
    stack, file, format: 'cdktf', resources,
    ...(boundaries ? { boundaries } : {}), ...(serviceGroups ? { serviceGroups } : {}), ...(createdAt ? { createdAt } : {}),
  };
}
