import { Fn, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ComputeAddress } from '@cdktf/provider-google/lib/compute-address';
import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ComputeNetworkPeering } from '@cdktf/provider-google/lib/compute-network-peering';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { DataGoogleClientConfig } from '@cdktf/provider-google/lib/data-google-client-config';
import { DataGoogleComputeNetwork } from '@cdktf/provider-google/lib/data-google-compute-network';
import { DataGoogleComputeSubnetwork } from '@cdktf/provider-google/lib/data-google-compute-subnetwork';
import { DnsRecordSet } from '@cdktf/provider-google/lib/dns-record-set';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { PriorityClassV1 } from '@cdktf/provider-kubernetes/lib/priority-class-v1';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { StorageClassV1 } from '@cdktf/provider-kubernetes/lib/storage-class-v1';
import { PriorityLevel } from '../architecture/types';
import { crossRegionBoundary, CXUNIT_METADATA_KEY, dataStorePlacement, UnitBoundaries, UnitMetadata } from '../network/boundaries';
import { documentedFlows, DocumentedFlow } from '../network/documented-flows';
import { FILESTORE_NFS_PORTS } from '../gcp/filestore';
import { GOOGLE_HEALTH_CHECK_RANGES } from '../gcp/health-checks';
import { creationSite, keepUserFrames } from '../source-site';
import { GenesysNamespaces } from '../kubernetes/namespaces';
import { GenesysPriorityClasses } from '../kubernetes/priority-classes';
import { PlatformStorageClasses } from '../kubernetes/storage-classes';
import { claimUnitStack } from '../unit-stack-claim';
import { UnitCluster } from './cluster';
import { UnitFirewall } from './firewall';
import { GkeUnitProps, gkeUnitPropProblems, networkPath, ResolvedGkeUnitProps, resolveGkeUnitProps } from './gke-unit-props';
import { IngressAddress } from './ingress-address';
import { UnitNetwork } from './network';
import { NodeServiceAccount } from './node-service-account';
import { UnitNodePools } from './node-pools';
import { UnitPeering } from './peering';

export * from './gke-unit-props';

/** Thrown when GkeUnit props are invalid; lists every problem, each with the bad value and the fix. */
export class GkeUnitPropsError extends Error {
  /** Every problem, each with the bad value and the fix (also in the message). */
  declare readonly problems: readonly string[];

  constructor(unitName: string, problems: readonly string[]) {
    super(`invalid GkeUnit "${unitName}":\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'GkeUnitPropsError';
    // Not enumerable: Node would print the problems a second time under the uncaught error's stack.
    Object.defineProperty(this, 'problems', { value: problems, enumerable: false });
    keepUserFrames(this);
  }
}


/**
 * A Genesys Multicloud CX unit on GKE (one region's cluster, network, node pools, firewall, ingress
 * address and in-cluster objects), built the way 003 "Setting up Genesys Multicloud CX Private Edition"
 * prescribes. One unit per stack: the unit records its boundaries in the stack's metadata
 * (`"//".cxunit`, see UnitMetadata) so that policies can compute the expected flows from cdk.tf.json.
 */
export class GkeUnit extends Construct {
  readonly network: ComputeNetwork | DataGoogleComputeNetwork;
  readonly subnet: ComputeSubnetwork | DataGoogleComputeSubnetwork;
  readonly nodeServiceAccount: ServiceAccount;
  readonly cluster: ContainerCluster;
  readonly nodePools: { readonly general: ContainerNodePool; readonly realtime: ContainerNodePool; readonly thirdParty?: ContainerNodePool };
  /** Firewall rules by key: the boundary name (`internet-ingress`, `sbc-ingress` …) and `deny-all-egress` (+ `-ipv6`). */
  readonly firewallRules: Readonly<Record<string, ComputeFirewall>>;
  readonly ingressAddress: ComputeAddress;
  /** This unit's side of the peering to each peer unit that names its network, by peer unit name. */
  readonly peerings: Readonly<Record<string, ComputeNetworkPeering>>;
  readonly wildcardDnsRecord?: DnsRecordSet;
  /** The Kubernetes provider configured from the cluster's endpoint, used by the in-cluster objects. */
  readonly kubernetesProvider: KubernetesProvider;
  readonly storageClasses: Readonly<Record<string, StorageClassV1>>;
  readonly namespaces: Readonly<Record<string, NamespaceV1>>;
  readonly priorityClasses: Readonly<Partial<Record<PriorityLevel, PriorityClassV1>>>;
  /** What the unit opens across its boundary (also in the stack's metadata). */
  readonly boundaries: UnitBoundaries;
  /** The flows the firewall rules were derived from. */
  readonly documentedFlows: readonly DocumentedFlow[];
  readonly props: ResolvedGkeUnitProps;

  constructor(scope: Construct, id: string, props: GkeUnitProps) {
    super(scope, id);
    const problems = gkeUnitPropProblems(props, (value) => Token.isUnresolved(value));
    if (problems.length > 0) throw new GkeUnitPropsError(props.unitName, problems.map((p) => p.message));
    claimUnitStack(this, props.enforcePolicies ?? true);
    const stack = TerraformStack.of(this);

    const r = resolveGkeUnitProps(props);
    this.props = r;
    const catalog = r.catalog;

    const network = new UnitNetwork(this, 'network', {
      unitName: r.unitName,
      project: r.networkProject,
      region: r.region,
      subnetCidr: r.subnetCidr,
      podsCidr: r.podsCidr,
      servicesCidr: r.servicesCidr,
      podsRangeName: r.podsRangeName,
      servicesRangeName: r.servicesRangeName,
      existingNetworkName: r.existingNetworkName,
      existingSubnetName: r.existingSubnetName,
    });
    this.network = network.network;
    this.subnet = network.subnet;

    const nodeServiceAccount = new NodeServiceAccount(this, 'node-service-account', { unitName: r.unitName, project: r.project });
    this.nodeServiceAccount = nodeServiceAccount.serviceAccount;

    this.cluster = new UnitCluster(this, 'cluster', {
      unitName: r.unitName,
      role: r.role,
      project: r.project,
      region: r.region,
      zones: r.zones,
      network: this.network.selfLink,
      subnet: this.subnet.selfLink,
      podsRangeName: r.podsRangeName,
      servicesRangeName: r.servicesRangeName,
      releaseChannel: r.releaseChannel,
      minMasterVersion: r.minMasterVersion,
      deletionProtection: r.deletionProtection,
      catalog,
    }).cluster;

    const pools = new UnitNodePools(this, 'node-pools', {
      unitName: r.unitName,
      project: r.project,
      region: r.region,
      zones: r.zones,
      cluster: this.cluster.name,
      catalog,
      serviceAccountEmail: this.nodeServiceAccount.email,
      diskSizeGb: r.diskSizeGb,
      general: { machineType: r.generalMachineType, minNodesPerZone: r.generalMinNodesPerZone, maxNodesPerZone: r.generalMaxNodesPerZone },
      realtime: { machineType: r.realtimeMachineType, minNodesPerZone: r.realtimeMinNodesPerZone, maxNodesPerZone: r.realtimeMaxNodesPerZone, drainMinutes: r.realtimeDrainMinutes },
      ...(r.thirdPartyMachineType !== undefined
        ? { thirdParty: { machineType: r.thirdPartyMachineType, minNodesPerZone: r.thirdPartyMinNodesPerZone, maxNodesPerZone: r.thirdPartyMaxNodesPerZone, localSsdCount: r.thirdPartyLocalSsdCount } }
        : {}),
    });
    this.nodePools = { general: pools.general, realtime: pools.realtime, ...(pools.thirdParty ? { thirdParty: pools.thirdParty } : {}) };

    // Units on the same (Shared VPC host) network reach each other without peering; a network cannot peer with itself.
    const ownNetwork = networkPath(r.networkProject, network.networkName);
    const peeredNetworks = r.peerUnits.flatMap((p) => (p.network && p.network !== ownNetwork ? [{ unitName: p.unitName, network: p.network }] : []));
    const crossRegion = crossRegionBoundary(r.peerUnits, (p) => [p.subnetCidr, p.podsCidr]);
    this.boundaries = {
      unit: r.unitName,
      nodeTags: pools.nodeTags,
      unitRanges: [r.subnetCidr, r.podsCidr, r.servicesCidr],
      ingress: {
        sourceRanges: r.ingressSourceRanges,
        healthCheckRanges: GOOGLE_HEALTH_CHECK_RANGES,
        healthCheckPort: r.healthCheckPort,
        targetPools: r.ingressNodePools,
      },
      ...(r.sbcSourceRanges !== undefined ? { sbc: { sourceRanges: r.sbcSourceRanges, rtpPortRange: r.rtpPortRange, ...(r.sbcRtpPortRange !== undefined ? { sbcRtpPortRange: r.sbcRtpPortRange } : {}) } } : {}),
      dataStores: dataStorePlacement(r),
      ...(crossRegion
        ? { crossRegion: { ...crossRegion, ...(r.peerUnits.some((p) => p.network) ? { peerNetworks: peeredNetworks.map((p) => p.network) } : {}) } }
        : {}),
      ...(r.filestoreReservedCidr !== undefined
        ? { fileStorage: { storageClasses: [FILESTORE_CLASS], cidr: r.filestoreReservedCidr, ports: FILESTORE_NFS_PORTS } }
        : {}),
      ...(r.mailServerRanges !== undefined || r.sftpServerRanges !== undefined
        ? { externalPeers: { ...(r.mailServerRanges ? { mail: r.mailServerRanges } : {}), ...(r.sftpServerRanges ? { sftp: r.sftpServerRanges } : {}) } }
        : {}),
      egressLockdown: r.egressLockdown,
    };
    this.documentedFlows = documentedFlows(catalog, this.boundaries, r.serviceGroups);
    this.firewallRules = new UnitFirewall(this, 'firewall', {
      unitName: r.unitName,
      project: r.networkProject,
      network: this.network.selfLink,
      flows: this.documentedFlows,
      egressLockdown: r.egressLockdown,
      nodeTags: pools.nodeTags,
    }).rules;

    this.peerings = new UnitPeering(this, 'peering', {
      unitName: r.unitName,
      network: this.network.selfLink,
      peers: peeredNetworks,
    }).peerings;

    const ingress = new IngressAddress(this, 'ingress', {
      unitName: r.unitName,
      project: r.project,
      region: r.region,
      dnsManagedZone: r.dnsManagedZone,
      dnsDomain: r.dnsDomain,
      dnsProject: r.dnsProject,
    });
    this.ingressAddress = ingress.address;
    this.wildcardDnsRecord = ingress.wildcardRecord;

    const clientConfig = new DataGoogleClientConfig(this, 'client-config');
    this.kubernetesProvider = new KubernetesProvider(this, 'kubernetes', {
      host: `https://${this.cluster.endpoint}`,
      token: clientConfig.accessToken,
      clusterCaCertificate: Fn.base64decode(this.cluster.masterAuth.clusterCaCertificate),
    });
    const provider = this.kubernetesProvider;

    this.storageClasses = new PlatformStorageClasses(this, 'storage-classes', {
      provider,
      catalog,
      cloud: 'gke',
      parameters: { [FILESTORE_CLASS]: filestoreEnterpriseParameters(r, network.networkName) },
    }).storageClasses;
    this.namespaces = new GenesysNamespaces(this, 'namespaces', { provider, catalog, serviceGroups: r.serviceGroups }).namespaces;
    this.priorityClasses = new GenesysPriorityClasses(this, 'priority-classes', { provider, catalog }).priorityClasses;

    const metadata: UnitMetadata = { boundaries: this.boundaries, serviceGroups: r.serviceGroups };
    stack.addOverride(`//.${CXUNIT_METADATA_KEY}`, metadata);
    // cdktf 0.21 records no creation stack trace ("//".metadata has path and uniqueId only): findings point at this line instead
    const createdAt = creationSite(this.node.path);
    if (createdAt) stack.addOverride(`//.${CXUNIT_METADATA_KEY}.createdAt`, createdAt);
  }
}

/**
 * redundant-rwx (003 "File and disk storage for GKE": Filestore Enterprise, regional): on the unit's
 * network; a Shared VPC network is named by its full path and reached through private services access.
 * No `instance-encryption-kms-key` (003 "GKE > Not supported": customer-managed keys).
 */
function filestoreEnterpriseParameters(r: ResolvedGkeUnitProps, networkName: string): Record<string, string> {
  if (r.networkProject !== r.project) {
    return {
      tier: 'enterprise', network: `projects/${r.networkProject}/global/networks/${networkName}`, 'connect-mode': 'PRIVATE_SERVICE_ACCESS',
      ...(r.filestoreReservedRangeName !== undefined ? { 'reserved-ip-range': r.filestoreReservedRangeName } : {}),
    };
  }
  // The Filestore CSI driver allocates each instance from reserved-ipv4-cidr (gcp-filestore-csi-driver README, "Supported CreateVolume parameters").
  return { tier: 'enterprise', network: networkName, ...(r.filestoreReservedCidr !== undefined ? { 'reserved-ipv4-cidr': r.filestoreReservedCidr } : {}) };
}

/** 003 "File and disk storage for GKE": the Filestore Enterprise class the platform creates (GVP, Tenant, WebRTC …). */
const FILESTORE_CLASS = 'redundant-rwx';
