import { Catalog } from '../architecture/catalog';
import { providerDefaultsDoc } from '../gcp/provider-defaults';
import { connectionsDoc, portsDoc } from './catalog-docs';
import { policiesDoc } from './policies-doc';

export type DocGenerator = (catalog: Catalog) => string;

/** Generated documents by file name; other modules add theirs (the policy engine adds policies.md). */
export const DOC_GENERATORS = new Map<string, DocGenerator>([
  ['ports.md', portsDoc],
  ['connections.md', connectionsDoc],
  ['policies.md', policiesDoc],
  ['provider-defaults.md', providerDefaultsDoc],
]);
