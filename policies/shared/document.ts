import { citeCatalogEntry } from '../../lib/architecture/documents';
import { Reference } from '../../lib/architecture/types';

/** "Setting up Genesys Multicloud CX Private Edition": every GKE and Kubernetes rule cites it. */
export const SETUP_DOCUMENT = '003_74d96401c83dc4a0.txt';

/** A catalog entry's source as a finding reference: `Setting up Genesys Multicloud CX Private Edition, <table>, row "<row>"`. */
export function formatReference(reference: Reference): string {
  return citeCatalogEntry(reference);
}
