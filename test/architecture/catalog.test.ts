import * as path from 'path';
import { Catalog, loadCatalog } from '../../lib/architecture/catalog';
import { replaceLookalikes } from '../../lib/architecture/protocols';
import { formatDiagnostic } from '../../lib/validation/diagnostic';

// The vendor documents (not in the repository; `npm run audit:sources -- DIR` checks the catalog against them).
const DOCUMENTS = ['000_e0528e38664dbd69.txt', '001_77ebb1df80586335.txt', '002_0c7a81c9de55e4ae.txt', '003_74d96401c83dc4a0.txt', '004_89e3f9c4c1ddf46d.txt'];
const catalog = Catalog.load();

function connection(id: string) {
  const found = catalog.connections.find((c) => c.id === id);
  if (!found) throw new Error(`no connection ${id}`);
  return found;
}

describe('connection tables', () => {
  it('has every row of each table, as printed', () => {
    const counts = Object.fromEntries(catalog.services.map((s) => [s, catalog.connectionsOf(s).length]));
    expect(counts).toEqual({
      'Telemetry Service': 6, // 000
      'Genesys Pulse': 27, // 001
      'Tenant Service': 22, // 002
      'Voice connectivity': 18, // 003: "Not applicable", 1-16, and row 2 printed twice
      'Interaction Server': 19, // 004
    });
  });

  it('numbers rows 1..N in print order in the numbered tables', () => {
    for (const [service, count] of [['Telemetry Service', 6], ['Genesys Pulse', 27], ['Tenant Service', 22], ['Interaction Server', 19]] as const) {
      expect(catalog.connectionsOf(service).map((c) => c.reference.row)).toEqual(Array.from({ length: count }, (_, i) => String(i + 1)));
    }
  });

  it('keeps the voice table\'s unnumbered row and both rows numbered 2', () => {
    const rows = catalog.connectionsOf('Voice connectivity').map((c) => c.reference.row);
    expect(rows.slice(0, 4)).toEqual(['Not applicable', '1', '2', '2']);
    expect(connection('voice-not-applicable')).toMatchObject({ source: 'voice-sipproxy', destination: 'voice-config', protocol: 'SIP/TCP', ports: ['9100'] });
    expect(connection('voice-2')).toMatchObject({ destination: 'SBC', protocol: 'SIP/UDP', ports: ['5060'], transports: ['udp'], crossRegion: false });
    expect(connection('voice-2-cross-region')).toMatchObject({ destination: 'SBC (Cross-Region)', destinationNetwork: 'VNET Peering', ports: ['5060'], crossRegion: true });
  });

  it('replaces Cyrillic look-alikes in 004 and keeps the printed text', () => {
    const row1 = connection('ixn-1');
    expect(row1).toMatchObject({ protocol: 'TCP', ports: ['8500'], destination: 'Consul DaemonSet' });
    expect(row1.printed?.protocol).toBe('\u0422\u0421\u0420'); // "ТСР" in Cyrillic
    expect(connection('ixn-10')).toMatchObject({ protocol: 'HTTP', ports: ['13139'], printed: { protocol: '\u041d\u0422\u0422\u0420' } });
    for (const c of catalog.connections) {
      expect(c.protocol ?? '').toMatch(/^[\x20-\x7e]*$/);
      if (c.printed?.protocol) expect(replaceLookalikes(c.printed.protocol)).toBe(c.protocol);
    }
  });

  it('represents ports defined in Kafka, Redis and DBMS configuration as configurable, never dropped', () => {
    expect(connection('ixn-6')).toMatchObject({ destination: 'Kafka', ports: [], portConfiguredBy: 'Kafka configuration', destinationStore: 'kafka' });
    expect(connection('ixn-15')).toMatchObject({ destination: 'ORS Redis Stream', ports: [], portConfiguredBy: 'Redis configuration' });
    expect(connection('ixn-16')).toMatchObject({ ports: [], portConfiguredBy: 'DBMS configuration' });
    expect(catalog.connections.filter((c) => c.portConfiguredBy !== undefined).map((c) => c.id).sort()).toEqual([
      'ixn-13', 'ixn-15', 'ixn-16', 'ixn-17', 'ixn-6', 'ixn-7',
      'voice-10', 'voice-11', 'voice-12', 'voice-15', 'voice-16', 'voice-9',
    ]);
  });

  it('splits alternatives and keeps the printed cell', () => {
    expect(connection('tenant-19')).toMatchObject({ destination: 'Kafka', ports: ['9092', '9093'], printed: { port: '9092/9093' } });
  });

  it('records inferred cells with the blank printed value and a note', () => {
    const row7 = connection('tenant-7');
    expect(row7).toMatchObject({ classification: 'Intra-cluster', printed: { classification: '' } });
    expect(row7.note).toMatch(/blank/);
    expect(connection('tenant-18')).toMatchObject({ protocol: null, ports: [], classification: null });
    expect(connection('telemetry-4')).toMatchObject({ source: 'Telemetry Service', destination: 'Genesys Authentication', printed: { source: '' } });
  });

  it('reassembles rows split across page breaks', () => {
    expect(connection('pulse-15').description).toBe('Pulse DCU subscribes for events from Voice SIP VQ Service.');
    expect(connection('tenant-14')).toMatchObject({ source: 'Prometheus', destination: 'Tenant Service', protocol: 'HTTP', ports: ['15000'], classification: 'Ingress' });
  });

  it('places every endpoint and derives the boundary from placement, not from the printed classification', () => {
    // 001 #27 is printed "Intra-cluster" but crosses from the internet into the cluster.
    expect(connection('pulse-27')).toMatchObject({ classification: 'Intra-cluster', sourcePlacement: 'internet', destinationPlacement: 'cluster' });
    expect(connection('voice-1')).toMatchObject({ sourcePlacement: 'sbc', destinationPlacement: 'cluster', protocol: 'SIP', transports: ['tcp', 'udp'], ports: ['5080'] });
    expect(connection('tenant-22')).toMatchObject({ destination: 'Redis', destinationStore: 'redis', crossRegion: true, ports: ['6379'] });
    expect(connection('telemetry-6')).toMatchObject({ destinationPlacement: 'none', protocol: null, transports: [] });
  });

  it('gives every connection a unique id and a reference to its document', () => {
    expect(new Set(catalog.connections.map((c) => c.id)).size).toBe(catalog.connections.length);
    for (const c of catalog.connections) expect(DOCUMENTS).toContain(c.reference.document);
  });
});

describe('service ports (003 "List by service")', () => {
  it('has one entry per printed row of the table, blank rows included', () => {
    // 138 rows printed (counted in the document by npm run audit:sources)
    expect(catalog.servicePorts).toHaveLength(138);
  });

  it('numbers rows within each service in print order', () => {
    const byService = new Map<string, number[]>();
    for (const p of catalog.servicePorts) byService.set(p.service, [...(byService.get(p.service) ?? []), p.row]);
    for (const rows of byService.values()) expect(rows).toEqual(rows.map((_, i) => i + 1));
  });

  it('normalizes lists, ranges and alternatives', () => {
    const find = (service: string, printedPort: string) => catalog.servicePorts.find((p) => p.service === service && p.printed?.port === printedPort);
    expect(find('CX Contact', '20, 21, 22')?.ports).toEqual(['20', '21', '22']);
    expect(find('Genesys Authentication', '6379 (non SSL) or 6380 (SSL)')?.ports).toEqual(['6379', '6380']);
    expect(find('Genesys Voice Platform', '20000-45000/14000-15999')?.ports).toEqual(['20000-45000', '14000-15999']);
    expect(find('Intelligent Workload Distribution', '25, 443, 587, 993')?.ports).toEqual(['25', '443', '587', '993']);
    expect(catalog.servicePorts.find((p) => p.service === 'Tenant Service' && p.ports.includes('9092'))?.ports).toEqual(['9092', '9093']);
  });
});

describe('the rest of 003', () => {
  it('has the storage classes of both clouds, with what GKE creates itself', () => {
    const gke = catalog.storageClasses.filter((s) => s.cloud === 'gke');
    expect(gke.map((s) => s.name)).toEqual(['ephemeral', 'standard-rwo', 'premium-rwo', 'standard-rwx', 'redundant-rwx', 'blob storage']);
    expect(gke.filter((s) => s.createdByCloud).map((s) => s.name)).toEqual(['standard-rwo', 'premium-rwo', 'standard-rwx']);
    expect(gke.find((s) => s.name === 'redundant-rwx')).toMatchObject({ kind: 'file', provisioner: 'filestore.csi.storage.gke.io', accessMode: 'ReadWriteMany', createdByCloud: false });
    expect(catalog.storageClasses.filter((s) => s.cloud === 'aks').map((s) => s.name)).toEqual(['disk-hdd', 'disk-standard', 'disk-premium', 'files-standard', 'files-standard-redundant', 'blob storage']);
  });

  it('has every namespace of the naming table, several per group where printed', () => {
    expect(catalog.serviceGroups).toHaveLength(20);
    expect(catalog.serviceGroup('gim')?.namespaces).toEqual(['gim', 'gca', 'gsp']);
    expect(catalog.serviceGroup('iwd')?.namespaces).toEqual(['iwd', 'iwddm', 'iwdem']);
    expect([...new Set(catalog.serviceGroups.flatMap((g) => g.namespaces))].sort()).toEqual([
      'bds', 'cxc', 'designer', 'gauth', 'gca', 'gcxi', 'ges', 'gim', 'gluswfm', 'gsp', 'gvp',
      'gws', 'iwd', 'iwddm', 'iwdem', 'ixn', 'nexus', 'pulse', 'tlm', 'ucsx', 'voice', 'webrtc',
    ]);
  });

  it('has four priority classes although the text names three', () => {
    expect(catalog.priorityClasses.map((c) => [c.name, c.value])).toEqual([
      ['genesysengage-critical-priority', 10000000],
      ['genesysengage-high-priority', 1000000],
      ['genesysengage-medium-priority', 100000],
      ['genesysengage-low-priority', 0],
    ]);
    expect(catalog.servicePriorities).toHaveLength(71);
    expect(catalog.servicePriorities.find((s) => s.service === 'SIP Proxy')?.priority).toBe('critical');
    expect(catalog.servicePriorities.find((s) => s.service === 'CX Contact API Aggregator')).toMatchObject({ priority: 'high', printed: 'High' });
  });

  it('has the three node pool kinds with their ratios and drain time', () => {
    expect(catalog.nodePools.map((p) => [p.kind, p.required, p.memoryGbPerVcpu, p.localNvme, p.minimumDrainMinutes])).toEqual([
      ['general', true, 4, false, null],
      ['realtime', true, 4, false, 60],
      ['thirdParty', false, 8, true, null],
    ]);
  });

  it('lists the unsupported GKE features', () => {
    expect(catalog.unsupportedFeatures.map((f) => f.key)).toEqual([
      'hybrid-or-multi-cluster', 'autopilot', 'sandbox', 'cmek', 'network-policy', 'service-mesh-addon', 'gke-ingress', 'routes-based', 'private-cluster',
    ]);
    expect(catalog.version('kubernetes').minimum).toBe('1.25');
  });

  it('has the third-party data stores with versions and ports', () => {
    expect(catalog.dependency('postgres')).toMatchObject({ version: '11.x', mandatory: true });
    expect(catalog.dependency('redis')?.ports).toEqual(['6379', '6380']);
    expect(catalog.dependency('mssql')?.ports).toEqual(['1433']);
  });
});

describe('malformed catalog files', () => {
  const fixtures = path.join(__dirname, '../fixtures/catalog');
  const problems = (name: string) =>
    loadCatalog({ overridesDir: path.join(fixtures, name), displayRoot: fixtures }).diagnostics.map(formatDiagnostic);
  const file = (name: string) => `${name}/connections/000-telemetry-service.yaml`;

  it('fails on bad YAML with the position of the syntax error', () => {
    expect(problems('bad-yaml')).toEqual([
      `${file('bad-yaml')}:11:5: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]: fix the syntax at this position`,
    ]);
  });

  it('fails on an unknown key, naming the allowed keys', () => {
    expect(problems('unknown-key')).toEqual([
      `${file('unknown-key')}:25:5: connections[2].colour: unknown key "colour": remove it or use one of row, id, source, destination, protocol, ports, portConfiguredBy, classification, description, sourceNetwork, destinationNetwork, crossRegion, printed, note`,
    ]);
  });

  it('fails on a wrong type', () => {
    expect(problems('wrong-type')).toEqual([`${file('wrong-type')}:10:12: connections[0].ports: must be a list, found 443: change the value`]);
  });

  it('fails on port 70000', () => {
    expect(problems('port-70000')).toEqual([
      `${file('port-70000')}:41:13: connections[4].ports[0]: port 70000 in "70000" is outside 1-65535: use a port between 1 and 65535`,
    ]);
  });

  it('fails on a reversed range', () => {
    expect(problems('reversed-range')).toEqual([
      `${file('reversed-range')}:41:13: connections[4].ports[0]: range "9107-8107" is reversed: write the lower port first ("8107-9107")`,
    ]);
  });

  it('fails on a file that is not part of the catalog and on a missing directory', () => {
    expect(loadCatalog({ overridesDir: path.join(fixtures, 'does-not-exist'), displayRoot: fixtures }).diagnostics.map(formatDiagnostic)).toEqual([
      `${path.join(fixtures, 'does-not-exist')}: not a directory: give a directory of catalog files`,
    ]);
  });
});
