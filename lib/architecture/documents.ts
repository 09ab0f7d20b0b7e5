import { Reference } from './types';

/**
 * The vendor documents the catalog and the rules cite, by file name. Findings and docs name a document by
 * its title (a reader can find it on the vendor's site); the file name stays in the reference metadata
 * (SARIF rule properties, JSON reports), where tooling can match it.
 */
export interface SourceDocument {
  /** The file name of the text extraction, e.g. `003_74d96401c83dc4a0.txt`. */
  readonly file: string;
  /** The title the document prints on its first page. */
  readonly title: string;
}

export const SOURCE_DOCUMENTS: readonly SourceDocument[] = [
  // 000 and 001: the extraction starts at "Introduction" and lost the title page; both describe their
  // service "from the point of view of" it and are the Architecture page of its guide, as 002 and 004 print.
  { file: '000_e0528e38664dbd69.txt', title: 'Telemetry Service Private Edition Guide: Architecture' },
  { file: '001_77ebb1df80586335.txt', title: 'Genesys Pulse Private Edition Guide: Architecture' },
  { file: '002_0c7a81c9de55e4ae.txt', title: 'Tenant Service Private Edition Guide: Architecture' },
  { file: '003_74d96401c83dc4a0.txt', title: 'Setting up Genesys Multicloud CX Private Edition' },
  { file: '004_89e3f9c4c1ddf46d.txt', title: 'Interaction Server Private Edition Guide: Architecture' },
];

const BY_FILE = new Map(SOURCE_DOCUMENTS.map((d) => [d.file, d]));

/** The title of a vendor document; any other name (a team's own document cited by a custom rule) as given. */
export function documentTitle(document: string): string {
  return BY_FILE.get(document)?.title ?? document;
}

/** A catalog entry's source for people: `Setting up Genesys Multicloud CX Private Edition, Namespaces table, row "voice"`. */
export function citeCatalogEntry(reference: Reference): string {
  return `${documentTitle(reference.document)}, ${reference.table}, row "${reference.row}"`;
}
