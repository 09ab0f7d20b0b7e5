import * as fs from 'fs';
import * as path from 'path';
import { Diagnostic, InputError, PathSegment } from '../validation/diagnostic';
import { yamlFileModule } from '../validation/lazy';
import type { YamlFile } from '../validation/yaml-file';
import { parsePortSpec, parsePrintedPorts } from './ports';
import { KNOWN_PROTOCOLS, replaceLookalikes, transportsOf } from './protocols';
import connectionsSchema from './schemas/connections.schema.json';
import endpointsSchema from './schemas/endpoints.schema.json';
import gkeFeaturesSchema from './schemas/gke-features.schema.json';
import namespacesSchema from './schemas/namespaces.schema.json';
import nodePoolsSchema from './schemas/node-pools.schema.json';
import prioritiesSchema from './schemas/priorities.schema.json';
import servicePortsViewSchema from './schemas/service-ports-view.schema.json';
import servicePortsSchema from './schemas/service-ports.schema.json';
import storageClassesSchema from './schemas/storage-classes.schema.json';
import thirdPartySchema from './schemas/third-party-dependencies.schema.json';
import {
  Connection, Endpoint, Feature, NodePoolSpec, PriorityClass, Reference, ServiceGroup, ServicePort,
  ServicePortViewRow, ServicePriority, StorageClass, ThirdPartyDependency, VersionRequirement,
} from './types';

/** The catalog's files, relative to the data directory, with the schema each must satisfy. */
const SINGLE_FILES: Readonly<Record<string, object>> = {
  'endpoints.yaml': endpointsSchema,
  'service-ports.yaml': servicePortsSchema,
  'service-ports-by-protocol.yaml': servicePortsViewSchema,
  'service-ports-by-port.yaml': servicePortsViewSchema,
  'storage-classes.yaml': storageClassesSchema,
  'third-party-dependencies.yaml': thirdPartySchema,
  'namespaces.yaml': namespacesSchema,
  'priorities.yaml': prioritiesSchema,
  'node-pools.yaml': nodePoolsSchema,
  'gke-features.yaml': gkeFeaturesSchema,
};
const CONNECTIONS_DIR = 'connections';

/** The built-in data, beside the sources (lib/architecture/data) whether running from lib/ or dist/lib/. */
export function builtInDataDir(): string {
  const candidates = [path.join(__dirname, 'data'), path.resolve(__dirname, '../../../lib/architecture/data')];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'endpoints.yaml')));
  if (!found) throw new Error(`cxunit installation is incomplete: no catalog data in ${candidates.join(' or ')}`);
  return found;
}

export interface CatalogOptions {
  /** A directory whose files replace the built-in files of the same relative path. */
  readonly overridesDir?: string;
  /** How file names appear in diagnostics (default: relative to the working directory). */
  readonly displayRoot?: string;
}

export class Catalog {
  /** Loads and validates the catalog; throws InputError listing every problem. */
  static load(options: CatalogOptions = {}): Catalog {
    const result = loadCatalog(options);
    if (result.diagnostics.length > 0 || !result.catalog) throw new InputError(result.diagnostics);
    return result.catalog;
  }

  private static builtIn: Catalog | undefined;

  /**
   * The built-in catalog, loaded once per process: from the build's cache when it was made from exactly
   * these catalog files (see writeCatalogCache), otherwise parsed and validated.
   */
  static default(): Catalog {
    Catalog.builtIn ??= readCatalogCache() ?? Catalog.load();
    return Catalog.builtIn;
  }

  constructor(
    readonly connections: readonly Connection[],
    readonly endpoints: readonly Endpoint[],
    readonly servicePorts: readonly ServicePort[],
    readonly servicePortsByProtocol: readonly ServicePortViewRow[],
    readonly servicePortsByPort: readonly ServicePortViewRow[],
    readonly storageClasses: readonly StorageClass[],
    readonly thirdPartyDependencies: readonly ThirdPartyDependency[],
    readonly serviceGroups: readonly ServiceGroup[],
    readonly priorityClasses: readonly PriorityClass[],
    readonly servicePriorities: readonly ServicePriority[],
    readonly nodePools: readonly NodePoolSpec[],
    readonly supportedFeatures: readonly Feature[],
    readonly unsupportedFeatures: readonly Feature[],
    readonly versions: readonly VersionRequirement[],
  ) {}

  get services(): string[] {
    return [...new Set(this.connections.map((c) => c.service))];
  }

  connectionsOf(service: string): Connection[] {
    const wanted = service.toLowerCase();
    return this.connections.filter((c) => c.service.toLowerCase() === wanted);
  }

  serviceGroup(key: string): ServiceGroup | undefined {
    return this.serviceGroups.find((g) => g.key === key);
  }

  /** Keys of the service groups whose services a catalog service name (a table's service, a ports row's, a dependency's) is. */
  groupsOfService(service: string): readonly string[] {
    let groups = this.groupsByService.get(service);
    if (!groups) this.groupsByService.set(service, (groups = this.serviceGroups.filter((g) => (g.services ?? []).includes(service)).map((g) => g.key)));
    return groups;
  }

  // The catalog is immutable: which groups a row belongs to is worked out once (every unit's documented flows ask, per row).
  private readonly groupsByService = new Map<string, readonly string[]>();
  private readonly groupsByConnection = new WeakMap<Connection, readonly string[]>();

  /**
   * Keys of the service groups a connection belongs to: its in-cluster endpoint's group where a group
   * claims it (003 "Voice connectivity" mixes services), otherwise its table's service's groups.
   */
  groupsOfConnection(connection: Connection): readonly string[] {
    let groups = this.groupsByConnection.get(connection);
    if (!groups) this.groupsByConnection.set(connection, (groups = this.deriveGroupsOfConnection(connection)));
    return groups;
  }

  private deriveGroupsOfConnection(connection: Connection): readonly string[] {
    const inCluster = [connection.sourcePlacement === 'cluster' ? connection.source : undefined, connection.destinationPlacement === 'cluster' ? connection.destination : undefined];
    const byEndpoint = this.serviceGroups.filter((g) => inCluster.some((e) => e !== undefined && (g.endpoints ?? []).includes(e))).map((g) => g.key);
    return byEndpoint.length > 0 ? byEndpoint : this.groupsOfService(connection.service);
  }

  nodePool(kind: NodePoolSpec['kind']): NodePoolSpec {
    const pool = this.nodePools.find((p) => p.kind === kind);
    if (!pool) throw new Error(`catalog has no node pool kind "${kind}"`);
    return pool;
  }

  supported(key: string): Feature {
    const feature = this.supportedFeatures.find((f) => f.key === key);
    if (!feature) throw new Error(`catalog has no supported feature "${key}"`);
    return feature;
  }

  unsupported(key: string): Feature {
    const feature = this.unsupportedFeatures.find((f) => f.key === key);
    if (!feature) throw new Error(`catalog has no unsupported feature "${key}"`);
    return feature;
  }

  version(key: string): VersionRequirement {
    const version = this.versions.find((v) => v.key === key);
    if (!version) throw new Error(`catalog has no version requirement "${key}"`);
    return version;
  }

  dependency(key: string): ThirdPartyDependency | undefined {
    return this.thirdPartyDependencies.find((d) => d.key === key);
  }
}

export interface CatalogLoadResult {
  readonly catalog?: Catalog;
  readonly diagnostics: readonly Diagnostic[];
}

/** Loads every catalog file, collecting all problems instead of stopping at the first. */
export function loadCatalog(options: CatalogOptions = {}): CatalogLoadResult {
  const builtIn = builtInDataDir();
  const displayRoot = options.displayRoot ?? process.cwd();
  const diagnostics: Diagnostic[] = [];
  const files = catalogFiles(builtIn, options.overridesDir, diagnostics, displayRoot);

  const parsed = new Map<string, YamlFile>();
  for (const [relative, absolute] of files) {
    const schema = relative.startsWith(`${CONNECTIONS_DIR}/`) ? connectionsSchema : SINGLE_FILES[relative];
    const { YamlFile: YamlFileClass, validateYaml } = yamlFileModule();
    const yamlFile = YamlFileClass.read(absolute, path.relative(displayRoot, absolute) || absolute);
    if (!(yamlFile instanceof YamlFileClass)) {
      diagnostics.push(yamlFile);
      continue;
    }
    const schemaProblems = validateYaml(yamlFile, schema);
    diagnostics.push(...schemaProblems);
    if (schemaProblems.length === 0) parsed.set(relative, yamlFile);
  }
  if (diagnostics.length > 0) return { diagnostics };

  const builder = new CatalogBuilder(parsed);
  const catalog = builder.build();
  return builder.diagnostics.length > 0 ? { diagnostics: builder.diagnostics } : { catalog, diagnostics: [] };
}

function catalogFiles(builtIn: string, overridesDir: string | undefined, diagnostics: Diagnostic[], displayRoot: string): Map<string, string> {
  const files = new Map<string, string>();
  const addDir = (root: string, isOverride: boolean) => {
    for (const relative of Object.keys(SINGLE_FILES)) {
      if (fs.existsSync(path.join(root, relative))) files.set(relative, path.join(root, relative));
    }
    const connectionsDir = path.join(root, CONNECTIONS_DIR);
    if (fs.existsSync(connectionsDir)) {
      for (const name of fs.readdirSync(connectionsDir).sort()) {
        if (name.endsWith('.yaml') || name.endsWith('.yml')) files.set(`${CONNECTIONS_DIR}/${name}`, path.join(connectionsDir, name));
      }
    }
    if (!isOverride) return;
    for (const name of fs.readdirSync(root)) {
      const known = name in SINGLE_FILES || name === CONNECTIONS_DIR;
      if (!known) {
        diagnostics.push({
          file: path.relative(displayRoot, path.join(root, name)), line: 0, column: 0, path: '',
          message: `not a catalog file: name it one of ${Object.keys(SINGLE_FILES).join(', ')} or put connection tables in ${CONNECTIONS_DIR}/`,
        });
      }
    }
  };
  addDir(builtIn, false);
  if (overridesDir !== undefined) {
    if (!fs.existsSync(overridesDir) || !fs.statSync(overridesDir).isDirectory()) {
      diagnostics.push({ file: overridesDir, line: 0, column: 0, path: '', message: 'not a directory: give a directory of catalog files' });
    } else {
      addDir(overridesDir, true);
    }
  }
  for (const relative of Object.keys(SINGLE_FILES)) {
    if (!files.has(relative)) {
      diagnostics.push({ file: path.relative(displayRoot, path.join(builtIn, relative)), line: 0, column: 0, path: '', message: 'required catalog file is missing: restore it from git' });
    }
  }
  return files;
}

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- schema-validated YAML

/** Turns schema-valid files into the typed catalog, checking what a schema cannot (ports, cross-file names). */
class CatalogBuilder {
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly files: ReadonlyMap<string, YamlFile>) {}

  build(): Catalog {
    const endpoints = this.endpoints();
    const connections = this.connections(endpoints);
    const servicePorts = this.servicePorts();
    const storage = this.data('storage-classes.yaml');
    const deps = this.data('third-party-dependencies.yaml');
    const namespaces = this.data('namespaces.yaml');
    const priorities = this.data('priorities.yaml');
    const pools = this.data('node-pools.yaml');
    const features = this.data('gke-features.yaml');

    this.checkPorts('third-party-dependencies.yaml', deps.dependencies, (d: Raw) => d.ports ?? []);
    this.checkUnique('storage-classes.yaml', 'storageClasses', storage.storageClasses, (s: Raw) => `${s.cloud}/${s.name}`);
    this.checkUnique('namespaces.yaml', 'serviceGroups', namespaces.serviceGroups, (g: Raw) => g.key);
    this.checkUnique('priorities.yaml', 'classes', priorities.classes, (c: Raw) => c.level);
    this.checkUnique('node-pools.yaml', 'nodePools', pools.nodePools, (p: Raw) => p.kind);
    this.checkPriorityLevels(priorities);
    this.checkServiceGroupNames(namespaces, connections, servicePorts, deps, endpoints);

    const ref = (file: Raw, table: string, row: string): Reference => ({ document: file.document, table, row });
    return new Catalog(
      connections,
      endpoints,
      servicePorts,
      this.viewRows('service-ports-by-protocol.yaml'),
      this.viewRows('service-ports-by-port.yaml'),
      (storage.storageClasses as Raw[]).map((s) => ({ ...s, reference: ref(storage, s.table, s.printedName ?? s.name) }) as StorageClass),
      (deps.dependencies as Raw[]).map((d) => ({ ...d, reference: ref(deps, deps.table, d.name) }) as ThirdPartyDependency),
      (namespaces.serviceGroups as Raw[]).map((g) => ({ ...g, reference: ref(namespaces, namespaces.table, g.group) }) as ServiceGroup),
      (priorities.classes as Raw[]).map((c) => ({ ...c, reference: ref(priorities, 'Service priorities: priority classes', c.printedLevel || c.printedValue) }) as PriorityClass),
      (priorities.services as Raw[]).map((s) => ({ ...s, reference: ref(priorities, 'Service priorities: recommended priority per service', s.printedService ?? s.service) }) as ServicePriority),
      (pools.nodePools as Raw[]).map((p) => ({ ...p, reference: ref(pools, pools.section, p.title) }) as NodePoolSpec),
      (features.supported as Raw[]).map((f) => ({ ...f, reference: ref(features, f.section, f.key) }) as Feature),
      (features.notSupported as Raw[]).map((f) => ({ ...f, reference: ref(features, f.section, f.key) }) as Feature),
      (features.versions as Raw[]).map((v) => ({ ...v, reference: ref(features, v.section, v.printed) }) as VersionRequirement),
    );
  }

  private data(relative: string): Raw {
    return this.files.get(relative)!.data as Raw;
  }

  private problem(relative: string, at: PathSegment[], message: string): void {
    this.diagnostics.push(this.files.get(relative)!.diagnostic(at, message));
  }

  private endpoints(): Endpoint[] {
    const endpoints = this.data('endpoints.yaml').endpoints as Endpoint[];
    this.checkUnique('endpoints.yaml', 'endpoints', endpoints, (e) => e.name);
    return endpoints;
  }

  private connections(endpoints: readonly Endpoint[]): Connection[] {
    const byName = new Map(endpoints.map((e) => [e.name, e]));
    const used = new Set<string>();
    const ids = new Map<string, string>();
    const connections: Connection[] = [];
    for (const [relative, yamlFile] of this.files) {
      if (!relative.startsWith(`${CONNECTIONS_DIR}/`)) continue;
      const table = yamlFile.data as Raw;
      (table.connections as Raw[]).forEach((raw, index) => {
        const at = (...rest: PathSegment[]): PathSegment[] => ['connections', index, ...rest];
        const id: string = raw.id ?? `${table.idPrefix}-${slug(raw.row)}`;
        const previous = ids.get(id);
        if (previous) {
          this.problem(relative, at('row'), `connection id "${id}" is also used in ${previous}: give one of them a distinct "id"`);
        }
        ids.set(id, `${relative} connections[${index}]`);
        this.checkPortList(relative, at('ports'), raw.ports);
        const transports = transportsOf(raw.protocol);
        if (!transports) {
          this.problem(relative, at('protocol'), `unknown protocol "${raw.protocol}": use one of ${KNOWN_PROTOCOLS.join(', ')} (or add it to lib/architecture/protocols.ts)`);
        }
        if (raw.printed?.protocol !== undefined && raw.printed.protocol !== '' && replaceLookalikes(raw.printed.protocol).trim() !== raw.protocol) {
          this.problem(relative, at('printed', 'protocol'), `printed protocol "${raw.printed.protocol}" does not normalize to "${raw.protocol}": correct either value`);
        }
        if (raw.portConfiguredBy === undefined) this.checkPrintedPorts(relative, at(), raw);
        if (raw.ports.length === 0 && raw.portConfiguredBy === undefined && raw.note === undefined) {
          this.problem(relative, at('ports'), 'no port and no explanation: add "portConfiguredBy" or a "note" saying why the document gives no port');
        }
        if (raw.classification === null && raw.note === undefined) {
          this.problem(relative, at('classification'), 'classification is null without a note: add a "note" explaining the blank cell');
        }
        const placements = (['source', 'destination'] as const).map((end) => {
          const endpoint = byName.get(raw[end]);
          used.add(raw[end]);
          if (!endpoint) {
            this.problem(relative, at(end), `endpoint "${raw[end]}" has no network placement: add it to endpoints.yaml`);
          }
          return endpoint;
        });
        connections.push({
          ...(raw as object),
          id,
          service: table.service,
          transports: transports ?? [],
          crossRegion: raw.crossRegion ?? false,
          sourcePlacement: placements[0]?.placement ?? 'none',
          destinationPlacement: placements[1]?.placement ?? 'none',
          ...(placements[1]?.store ? { destinationStore: placements[1].store } : {}),
          reference: { document: table.document, table: table.table, row: raw.row },
        } as Connection);
      });
    }
    endpoints.forEach((endpoint, index) => {
      if (!used.has(endpoint.name)) {
        this.problem('endpoints.yaml', ['endpoints', index, 'name'], `endpoint "${endpoint.name}" is not used by any connection: remove it or fix its spelling`);
      }
    });
    return connections;
  }

  private servicePorts(): ServicePort[] {
    const file = this.data('service-ports.yaml');
    this.checkPorts('service-ports.yaml', file.entries, (e: Raw) => e.ports);
    this.checkUnique('service-ports.yaml', 'entries', file.entries, (e: Raw) => `${e.service} #${e.row}`);
    (file.entries as Raw[]).forEach((e, index) => this.checkPrintedPorts('service-ports.yaml', ['entries', index], e));
    return (file.entries as Raw[]).map((e) => ({
      ...e,
      reference: { document: file.document, table: file.table, row: `${e.service} #${e.row}` },
    }) as ServicePort);
  }

  /** A view row's port cell is kept as printed; its ports are read with the printed-cell grammar and validated. */
  private viewRows(relative: string): ServicePortViewRow[] {
    return (this.data(relative).entries as ServicePortViewRow[]).map((row, index) => {
      const ports = parsePrintedPorts(row.port);
      if (typeof ports === 'string') {
        this.problem(relative, ['entries', index, 'port'], ports);
        return { ...row, ports: [] };
      }
      if (ports.length === 0 && row.note === undefined) {
        this.problem(relative, ['entries', index, 'port'], `the cell "${row.port}" names no port: add a "note" saying why the document gives none`);
      }
      return { ...row, ports };
    });
  }

  /** Where a record keeps its printed port cell, the cell must read as the normalized `ports`. */
  private checkPrintedPorts(relative: string, at: PathSegment[], record: Raw): void {
    if (record.printed?.port === undefined) return;
    const printed = parsePrintedPorts(record.printed.port);
    if (typeof printed === 'string') {
      this.problem(relative, [...at, 'printed', 'port'], printed);
    } else if (printed.join(',') !== (record.ports as string[]).join(',')) {
      this.problem(relative, [...at, 'ports'], `ports [${(record.ports as string[]).join(', ')}] differ from the printed cell "${record.printed.port}" `
        + `(read as [${printed.join(', ')}]): correct the ports, or the printed cell`);
    }
  }

  private checkPorts(relative: string, items: Raw[], portsOf: (item: Raw) => string[]): void {
    items.forEach((item, index) => this.checkPortList(relative, [this.listKey(relative), index, 'ports'], portsOf(item)));
  }

  private listKey(relative: string): string {
    const data = this.data(relative);
    return Object.keys(data).find((key) => Array.isArray(data[key]))!;
  }

  private checkPortList(relative: string, at: PathSegment[], ports: string[]): void {
    ports.forEach((spec, i) => {
      const parsed = parsePortSpec(spec);
      if (typeof parsed === 'string') this.problem(relative, [...at, i], parsed);
    });
  }

  private checkUnique<T>(relative: string, listKey: string, items: readonly T[], keyOf: (item: T) => string): void {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const key = keyOf(item);
      if (seen.has(key)) this.problem(relative, [listKey, index], `duplicate entry "${key}": remove it or rename it`);
      seen.add(key);
    });
  }

  /** A service group's `services` and `endpoints` must name what the tables print, or flows silently vanish. */
  private checkServiceGroupNames(namespaces: Raw, connections: readonly Connection[], servicePorts: readonly ServicePort[], deps: Raw, endpoints: readonly Endpoint[]): void {
    const services = new Set([...connections.map((c) => c.service), ...servicePorts.map((p) => p.service), ...(deps.dependencies as Raw[]).flatMap((d) => d.services ?? [])]);
    const clusterEndpoints = new Set(endpoints.filter((e) => e.placement === 'cluster').map((e) => e.name));
    (namespaces.serviceGroups as Raw[]).forEach((group, index) => {
      (group.services ?? []).forEach((name: string, i: number) => {
        if (!services.has(name)) this.problem('namespaces.yaml', ['serviceGroups', index, 'services', i], `service "${name}" is named by no connection table, ports row or third-party dependency: use the name as the tables print it`);
      });
      (group.endpoints ?? []).forEach((name: string, i: number) => {
        if (!clusterEndpoints.has(name)) this.problem('namespaces.yaml', ['serviceGroups', index, 'endpoints', i], `endpoint "${name}" is not an in-cluster endpoint of endpoints.yaml: use an endpoint name with placement cluster`);
      });
    });
  }

  private checkPriorityLevels(priorities: Raw): void {
    const levels = new Set((priorities.classes as Raw[]).map((c) => c.level));
    (priorities.services as Raw[]).forEach((s, index) => {
      if (!levels.has(s.priority)) {
        this.problem('priorities.yaml', ['services', index, 'priority'], `priority "${s.priority}" has no class: add a class with level "${s.priority}"`);
      }
    });
  }
}

function slug(row: string): string {
  return row.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/**
 * The built-in catalog as JSON, written by the build (`npm run build`, `npm install`) beside the compiled
 * loader: parsing the YAML and compiling the schemas is most of `cxunit check`'s start-up. It holds only
 * a catalog that passed validation, and is used only while the catalog files are the ones it was made from:
 * the same files with the same sizes, none modified after the cache was written (the build in place: a
 * checkout, CI, an install from git), or else the same SHA-256 over every file (an installed tarball, whose
 * files npm writes in its own order, a copy, a checkout of other files). `cxunit validate-catalog` and
 * overrides always load and validate the YAML.
 */
const CACHE_FILE = path.join(__dirname, 'catalog.cache.json');
const CACHE_VERSION = 4;
const PARTS = [
  'connections', 'endpoints', 'servicePorts', 'servicePortsByProtocol', 'servicePortsByPort', 'storageClasses',
  'thirdPartyDependencies', 'serviceGroups', 'priorityClasses', 'servicePriorities', 'nodePools',
  'supportedFeatures', 'unsupportedFeatures', 'versions',
] as const;

/**
 * Every file of a catalog data directory, by relative path in a stable order: UTF-16 code unit order, not
 * localeCompare, whose first call creates an ICU collator (about 6 ms, most of the cache check's cost).
 */
function dataDirectoryFiles(dataDir: string): string[] {
  const files: string[] = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dataDir, relative), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      else files.push(child);
    }
  };
  walk('');
  return files;
}

/** SHA-256 over the relative path and content of every file of a catalog data directory. */
export function catalogFingerprint(dataDir: string = builtInDataDir()): string {
  // Required here, not at the top: a run that decides on the files' sizes and times never needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const hash = (require('crypto') as typeof import('crypto')).createHash('sha256');
  for (const file of dataDirectoryFiles(dataDir)) hash.update(`${file}\0`).update(fs.readFileSync(path.join(dataDir, file))).update('\0');
  return hash.digest('hex');
}

/** Validates the built-in catalog and writes the cache; throws InputError when the catalog is invalid. */
export function writeCatalogCache(file: string = CACHE_FILE): void {
  const catalog = Catalog.load();
  const dataDir = builtInDataDir();
  const parts = Object.fromEntries(PARTS.map((part) => [part, catalog[part]]));
  const files = dataDirectoryFiles(dataDir).map((name) => [name, fs.statSync(path.join(dataDir, name)).size]);
  fs.writeFileSync(file, JSON.stringify({ version: CACHE_VERSION, fingerprint: catalogFingerprint(dataDir), files, parts }));
}

/** The cached catalog, or undefined when there is no cache or it was made from other catalog files. */
export function readCatalogCache(file: string = CACHE_FILE, dataDir: string = builtInDataDir()): Catalog | undefined {
  let cache: { version?: number; fingerprint?: string; files?: Array<[string, number]>; parts?: Record<string, unknown[]> };
  let written: number;
  try {
    cache = JSON.parse(fs.readFileSync(file, 'utf8'));
    written = fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
  if (cache.version !== CACHE_VERSION || !cache.parts) return undefined;
  if (!unchangedSince(cache.files, written, dataDir) && cache.fingerprint !== catalogFingerprint(dataDir)) return undefined;
  const parts = cache.parts;
  return new Catalog(...(PARTS.map((part) => parts[part]) as unknown as ConstructorParameters<typeof Catalog>));
}

/** The data directory holds exactly the recorded files, at their recorded sizes, none modified after `written`. */
function unchangedSince(recorded: ReadonlyArray<readonly [string, number]> | undefined, written: number, dataDir: string): boolean {
  const files = dataDirectoryFiles(dataDir);
  if (!recorded || recorded.length !== files.length) return false;
  return files.every((name, i) => {
    const stat = fs.statSync(path.join(dataDir, name));
    return recorded[i][0] === name && recorded[i][1] === stat.size && stat.mtimeMs <= written;
  });
}
