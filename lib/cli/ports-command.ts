import { Catalog } from '../architecture/catalog';
import { documentTitle } from '../architecture/documents';
import { Connection } from '../architecture/types';
import { CliExit, EXIT_USAGE } from './output';

export type PortsFormat = 'markdown' | 'csv' | 'json';

/** The public JSON shape of one connection (`cxunit ports --format json`). */
export function connectionJson(connection: Connection): Record<string, unknown> {
  return {
    id: connection.id,
    service: connection.service,
    source: connection.source,
    destination: connection.destination,
    protocol: connection.protocol,
    transports: connection.transports,
    ports: connection.ports,
    ...(connection.portConfiguredBy ? { portConfiguredBy: connection.portConfiguredBy } : {}),
    classification: connection.classification,
    sourcePlacement: connection.sourcePlacement,
    destinationPlacement: connection.destinationPlacement,
    crossRegion: connection.crossRegion,
    description: connection.description,
    ...(connection.note ? { note: connection.note } : {}),
    // The document by its title for people (its file name is the catalog's key, and the files are not shipped).
    reference: { ...connection.reference, title: documentTitle(connection.reference.document) },
  };
}

export function renderPorts(catalog: Catalog, format: PortsFormat, service?: string): string {
  const connections = service === undefined ? catalog.connections : catalog.connectionsOf(service);
  if (service !== undefined && connections.length === 0) {
    throw new CliExit(EXIT_USAGE, `unknown service "${service}": use one of ${catalog.services.map((s) => `"${s}"`).join(', ')}`);
  }
  switch (format) {
    case 'json':
      return JSON.stringify(connections.map(connectionJson), null, 2);
    case 'csv':
      return renderCsv(connections);
    case 'markdown':
      return renderMarkdown(connections);
  }
}

export function portsText(connection: Connection): string {
  if (connection.ports.length > 0) return connection.ports.join(', ');
  return connection.portConfiguredBy ? `(${connection.portConfiguredBy})` : '';
}

const COLUMNS = ['service', 'row', 'source', 'destination', 'protocol', 'ports', 'classification', 'document'] as const;

function cells(connection: Connection): string[] {
  return [
    connection.service, connection.reference.row, connection.source, connection.destination,
    connection.protocol ?? '', portsText(connection), connection.classification ?? '', documentTitle(connection.reference.document),
  ];
}

function renderCsv(connections: readonly Connection[]): string {
  const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return [COLUMNS.join(','), ...connections.map((c) => cells(c).map(quote).join(','))].join('\n');
}

export function markdownTable(header: readonly string[], rows: readonly string[][]): string {
  const escape = (value: string) => value.replace(/\|/g, '\\|');
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n');
}

function renderMarkdown(connections: readonly Connection[]): string {
  return markdownTable([...COLUMNS], connections.map(cells));
}
