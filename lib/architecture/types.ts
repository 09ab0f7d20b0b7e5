/**
 * The architecture catalog: the vendor documents (cited by title and file name; not in this repository) as typed data.
 * Every record carries the document, table and row it was transcribed from.
 */

export type Classification = 'Ingress' | 'Egress' | 'Intra-cluster';
export type Transport = 'tcp' | 'udp';

/** Where an endpoint sits relative to a unit's cluster. */
export type Placement = 'cluster' | 'internet' | 'sbc' | 'data-store' | 'external' | 'none';
export type DataStoreKind = 'postgres' | 'redis' | 'kafka' | 'consul' | 'elasticsearch' | 'mssql';

export interface Reference {
  readonly document: string;
  readonly table: string;
  /** The connection number (or row label) exactly as printed. */
  readonly row: string;
}

/** Raw cells whose printed text differs from the normalized value. */
export interface PrintedCells {
  readonly protocol?: string;
  readonly port?: string;
  readonly classification?: string;
  readonly source?: string;
  readonly destination?: string;
}

export interface Connection {
  readonly id: string;
  readonly service: string;
  readonly source: string;
  readonly destination: string;
  /** ASCII protocol as printed (Cyrillic look-alikes replaced); null where the document prints none. */
  readonly protocol: string | null;
  /** Layer-4 transports the protocol travels on; empty when the protocol is unknown or not a network protocol. */
  readonly transports: readonly Transport[];
  /** Each a port ("8888") or an ascending range ("20000-45000"); empty when the port is configurable or absent. */
  readonly ports: readonly string[];
  /** Where the port is defined when the document prints none ("Kafka configuration"). */
  readonly portConfiguredBy?: string;
  readonly classification: Classification | null;
  readonly description: string;
  readonly sourceNetwork?: string;
  readonly destinationNetwork?: string;
  /** The connection reaches another unit of the unit group. */
  readonly crossRegion: boolean;
  readonly sourcePlacement: Placement;
  readonly destinationPlacement: Placement;
  /** Data-store kind of the destination, when it is a data store. */
  readonly destinationStore?: DataStoreKind;
  readonly printed?: PrintedCells;
  readonly note?: string;
  readonly reference: Reference;
}

export interface Endpoint {
  readonly name: string;
  readonly placement: Placement;
  readonly store?: DataStoreKind;
  readonly note?: string;
}

/** Servers outside the unit that a service reaches (cxunit's reading of a ports row). */
export type ExternalPeerKind = 'mail' | 'sftp';

export interface ServicePort {
  readonly service: string;
  readonly row: number;
  readonly protocol: string | null;
  readonly ports: readonly string[];
  /** The row's ports reach servers of this kind outside the unit. */
  readonly externalPeer?: ExternalPeerKind;
  readonly printed?: { readonly protocol?: string; readonly port?: string };
  readonly note?: string;
  readonly reference: Reference;
}

/** One row of the by-protocol or by-port view of the ports table. */
export interface ServicePortViewRow {
  readonly protocol: string;
  /** The port cell as printed (`20, 21, 22`, `6379 (non SSL) or 6380 (SSL)`). */
  readonly port: string;
  /** The cell's ports and ranges, read with `parsePrintedPorts`; empty when it names none (see `note`). */
  readonly ports: readonly string[];
  readonly service: string;
  readonly note?: string;
}

export type StorageKind = 'disk' | 'file' | 'ephemeral' | 'object';

export interface StorageClass {
  readonly cloud: 'gke' | 'aks';
  readonly table: string;
  readonly name: string;
  readonly printedName?: string;
  readonly kind: StorageKind;
  readonly storageType: string;
  readonly provisioner: string | null;
  readonly accessMode: 'ReadWriteOnce' | 'ReadWriteMany' | null;
  readonly redundancy: string;
  readonly createdByPlatform: boolean;
  /** Whether the cloud itself creates the class (GKE: standard-rwo, premium-rwo, standard-rwx); null when unknown. */
  readonly createdByCloud: boolean | null;
  readonly associatedServices: readonly string[];
  readonly notes: string;
  readonly note?: string;
  readonly reference: Reference;
}

export interface ServiceGroup {
  readonly key: string;
  readonly group: string;
  readonly namespaces: readonly string[];
  /** The names its services go by in the connection, ports and third-party tables (cxunit's mapping). */
  readonly services?: readonly string[];
  /** In-cluster endpoints of 003 "Voice connectivity" that are this group's. */
  readonly endpoints?: readonly string[];
  /** The group may run in a secondary unit (003 "Units": voice-related services only). */
  readonly secondaryUnit?: boolean;
  readonly printedName?: string;
  readonly note?: string;
  readonly reference: Reference;
}

export type PriorityLevel = 'critical' | 'high' | 'medium' | 'low';

export interface PriorityClass {
  readonly level: PriorityLevel;
  readonly name: string;
  readonly value: number;
  readonly printedLevel: string;
  readonly printedValue: string;
  readonly description: string;
  readonly note?: string;
  readonly reference: Reference;
}

export interface ServicePriority {
  readonly group: string;
  readonly service: string;
  readonly priority: PriorityLevel;
  readonly printed?: string;
  readonly printedService?: string;
  readonly note?: string;
  readonly reference: Reference;
}

export type NodePoolKind = 'general' | 'realtime' | 'thirdParty';

export interface NodePoolSpec {
  readonly kind: NodePoolKind;
  readonly title: string;
  readonly required: boolean;
  readonly memoryGbPerVcpu: number;
  readonly disk: 'premium-ssd';
  readonly localNvme: boolean;
  readonly minimumDrainMinutes: number | null;
  readonly purpose: string;
  readonly printed: string;
  readonly note?: string;
  readonly reference: Reference;
}

export interface Feature {
  readonly key: string;
  readonly section: string;
  readonly text: string;
  readonly reference: Reference;
}

export interface VersionRequirement {
  readonly key: string;
  readonly minimum: string;
  readonly section: string;
  readonly printed: string;
  readonly note?: string;
  readonly reference: Reference;
}

export interface ThirdPartyDependency {
  readonly name: string;
  readonly key: string;
  readonly version: string | null;
  readonly mandatory: boolean | null;
  readonly printedMandatory?: string;
  readonly purpose: string;
  readonly services: readonly string[];
  readonly ports?: readonly string[];
  readonly portsNote?: string;
  readonly reference: Reference;
}
