import { DefaultTokenResolver, Fn, StringConcat, TerraformStack, Token, Tokenization } from 'cdktf';
import { Construct } from 'constructs';
import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { KubernetesClusterNodePool } from '@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { DnsARecord } from '@cdktf/provider-azurerm/lib/dns-a-record';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { VirtualNetworkPeering } from '@cdktf/provider-azurerm/lib/virtual-network-peering';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { PriorityClassV1 } from '@cdktf/provider-kubernetes/lib/priority-class-v1';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { StorageClassV1 } from '@cdktf/provider-kubernetes/lib/storage-class-v1';
import { NodePoolKind, PriorityLevel } from '../architecture/types';
import { AZURE_LOAD_BALANCER_ADDRESS } from '../azure/nsg';
import { GenesysNamespaces } from '../kubernetes/namespaces';
import { GenesysPriorityClasses } from '../kubernetes/priority-classes';
import { PlatformStorageClasses } from '../kubernetes/storage-classes';
import { crossRegionBoundary, CXUNIT_METADATA_KEY, dataStorePlacement, UnitBoundaries, UnitMetadata } from '../network/boundaries';
import { claimUnitStack } from '../unit-stack-claim';
import { documentedFlows, DocumentedFlow } from '../network/documented-flows';
import { AksUnitProps, aksUnitPropProblems, peerPoolSubnets, ResolvedAksUnitProps, resolveAksUnitProps, unitSubnets } from './aks-unit-props';
import { AksCluster } from './cluster';
import { ClusterIdentity } from './identity';
import { AksIngressAddress } from './ingress-address';
import { PoolSubnets, UnitVirtualNetwork } from './network';
import { NODE_POOL_NAMES, UnitUserPools } from './node-pools';
import { NsgRuleSpec, UnitSecurityGroups } from './security-groups';
import { creationSite } from '../source-site';

export * from './aks-unit-props';
export * from './aks-unit-errors';
import { AKS_STORAGE_CLASS_PARAMETERS, AksUnitPropsError } from './aks-unit-errors';


/**
 * A Genesys Multicloud CX unit on AKS (one region's cluster, virtual network, node pools, NSGs, identity,
 * ingress address and in-cluster objects), built as 003 "Setting up Genesys Multicloud CX Private
 * Edition" prescribes for AKS. One unit per stack: the unit records its boundaries in the stack's metadata
 * (`"//".cxunit`) so that policies compute the expected flows from cdk.tf.json, as for GkeUnit.
 */
export class AksUnit extends Construct {
  readonly virtualNetwork?: VirtualNetwork;
  readonly subnets: Readonly<Partial<Record<NodePoolKind, PoolSubnets>>>;
  readonly peerings: Readonly<Record<string, VirtualNetworkPeering>>;
  readonly identity: UserAssignedIdentity;
  readonly roleAssignments: Readonly<Record<string, RoleAssignment>>;
  readonly cluster: KubernetesCluster;
  /** The general pool is the cluster's default pool (`unit.cluster.defaultNodePool`). */
  readonly nodePools: { readonly realtime: KubernetesClusterNodePool; readonly thirdParty?: KubernetesClusterNodePool };
  readonly securityGroups: Readonly<Partial<Record<NodePoolKind, NetworkSecurityGroup>>>;
  readonly securityRules: Readonly<Partial<Record<NodePoolKind, readonly NsgRuleSpec[]>>>;
  readonly ingressPublicIp: PublicIp;
  readonly wildcardDnsRecord?: DnsARecord;
  readonly kubernetesProvider: KubernetesProvider;
  readonly storageClasses: Readonly<Record<string, StorageClassV1>>;
  readonly namespaces: Readonly<Record<string, NamespaceV1>>;
  readonly priorityClasses: Readonly<Partial<Record<PriorityLevel, PriorityClassV1>>>;
  readonly boundaries: UnitBoundaries;
  readonly documentedFlows: readonly DocumentedFlow[];
  readonly props: ResolvedAksUnitProps;

  constructor(scope: Construct, id: string, props: AksUnitProps) {
    super(scope, id);
    // A deploy-time value is shown as Terraform writes it (`${var.vnet_cidr}`), not as its token.
    const problems = aksUnitPropProblems(props, (value) => Token.isUnresolved(value), (value) => JSON.stringify(Tokenization.resolve(value, { scope: this, resolver: new DefaultTokenResolver(new StringConcat()) })));
    if (problems.length > 0) throw new AksUnitPropsError(props.unitName, problems.map((p) => p.message));
    claimUnitStack(this, props.enforcePolicies ?? true);
    const stack = TerraformStack.of(this);
    const r = resolveAksUnitProps(props);
    this.props = r;
    const catalog = r.catalog;
    const kinds: NodePoolKind[] = ['general', 'realtime', ...(r.thirdPartyVmSize !== undefined ? ['thirdParty' as const] : [])];
    const common = { resourceGroupName: r.resourceGroupName, location: r.location };

    const network = new UnitVirtualNetwork(this, 'network', { unitName: r.unitName, ...common, vnetCidr: r.vnetCidr, kinds, existingVnetName: r.existingVnetName, peerUnits: r.peerUnits });
    this.virtualNetwork = network.virtualNetwork;
    this.subnets = network.subnets;
    this.peerings = network.peerings;

    const ingress = new AksIngressAddress(this, 'ingress', { unitName: r.unitName, ...common, zones: r.zones, dnsZoneName: r.dnsZoneName, dnsResourceGroupName: r.dnsResourceGroupName });
    this.ingressPublicIp = ingress.publicIp;
    this.wildcardDnsRecord = ingress.wildcardRecord;

    const networkScopes: Record<string, string> = { 'ingress-ip': this.ingressPublicIp.id };
    for (const [kind, subnets] of Object.entries(this.subnets) as Array<[NodePoolKind, PoolSubnets]>) {
      networkScopes[`nodes-${NODE_POOL_NAMES[kind]}`] = subnets.nodes.id;
      networkScopes[`pods-${NODE_POOL_NAMES[kind]}`] = subnets.pods.id;
    }
    const identity = new ClusterIdentity(this, 'identity', { unitName: r.unitName, ...common, networkScopes });
    this.identity = identity.identity;
    this.roleAssignments = identity.roleAssignments;

    const poolSettings = (kind: NodePoolKind, vmSize: string, min: number, max: number) =>
      ({ vmSize, minNodesPerZone: min, maxNodesPerZone: max, nodesSubnetId: this.subnets[kind]!.nodes.id, podsSubnetId: this.subnets[kind]!.pods.id });
    this.cluster = new AksCluster(this, 'cluster', {
      unitName: r.unitName, role: r.role, ...common, zones: r.zones, kubernetesVersion: r.kubernetesVersion,
      identityId: this.identity.id, servicesCidr: r.servicesCidr, dnsServiceIp: r.dnsServiceIp, osDiskSizeGb: r.osDiskSizeGb,
      general: poolSettings('general', r.generalVmSize, r.generalMinNodesPerZone, r.generalMaxNodesPerZone),
      dependsOn: Object.values(this.roleAssignments),
    }).cluster;
    const pools = new UnitUserPools(this, 'node-pools', {
      clusterId: this.cluster.id, zones: r.zones, osDiskSizeGb: r.osDiskSizeGb, orchestratorVersion: r.kubernetesVersion,
      realtime: { ...poolSettings('realtime', r.realtimeVmSize, r.realtimeMinNodesPerZone, r.realtimeMaxNodesPerZone), drainMinutes: r.realtimeDrainMinutes },
      ...(r.thirdPartyVmSize !== undefined ? { thirdParty: poolSettings('thirdParty', r.thirdPartyVmSize, r.thirdPartyMinNodesPerZone, r.thirdPartyMaxNodesPerZone) } : {}),
    });
    this.nodePools = { realtime: pools.realtime, ...(pools.thirdParty ? { thirdParty: pools.thirdParty } : {}) };

    // The peers' nodes and pods are their pool subnets (a deploy-time vnetCidr stays whole, reported as such);
    // their whole VNets are what Azure's VirtualNetwork tag covers once peered.
    const peerRegion = crossRegionBoundary(r.peerUnits, (p) => (Token.isUnresolved(p.vnetCidr) ? [p.vnetCidr] : peerPoolSubnets(p)));
    const crossRegion = peerRegion ? { ...peerRegion, peerNetworkRanges: r.peerUnits.map((p) => p.vnetCidr) } : undefined;
    // The unit itself is its pools' node and pod subnets, not its whole VNet: a data subnet in the VNet
    // gets only its stores' ports (003 "Third-party dependencies"), the rest of the VNet nothing.
    const poolRanges = kinds.flatMap((kind) => Object.values(unitSubnets(r.vnetCidr, kind)));
    this.boundaries = {
      unit: r.unitName,
      // The Azure selector of a pool kind is the pools' genesys.com/node-pool label (lib/azure/nsg-evaluator.ts).
      nodeTags: Object.fromEntries(kinds.map((kind) => [kind, NODE_POOL_NAMES[kind]])),
      unitRanges: [...poolRanges, r.servicesCidr],
      ingress: { sourceRanges: r.ingressSourceRanges, healthCheckRanges: [AZURE_LOAD_BALANCER_ADDRESS], healthCheckPort: r.healthCheckPort, targetPools: r.ingressNodePools },
      ...(r.sbcSourceRanges !== undefined ? { sbc: { sourceRanges: r.sbcSourceRanges, rtpPortRange: r.rtpPortRange, ...(r.sbcRtpPortRange !== undefined ? { sbcRtpPortRange: r.sbcRtpPortRange } : {}) } } : {}),
      dataStores: dataStorePlacement(r),
      ...(crossRegion ? { crossRegion } : {}),
      unitInternal: { ranges: poolRanges },
      ...(r.existingVnetAddressSpace !== undefined ? { networkRanges: r.existingVnetAddressSpace } : {}),
      egressLockdown: r.egressLockdown,
    };
    this.documentedFlows = documentedFlows(catalog, this.boundaries, r.serviceGroups);
    const security = new UnitSecurityGroups(this, 'security-groups', {
      unitName: r.unitName, ...common, flows: this.documentedFlows, egressLockdown: r.egressLockdown, subnets: this.subnets,
    });
    this.securityGroups = security.securityGroups;
    this.securityRules = security.specs;

    const kubeConfig = this.cluster.kubeConfig.get(0);
    this.kubernetesProvider = new KubernetesProvider(this, 'kubernetes', {
      host: kubeConfig.host,
      clientCertificate: Fn.base64decode(kubeConfig.clientCertificate),
      clientKey: Fn.base64decode(kubeConfig.clientKey),
      clusterCaCertificate: Fn.base64decode(kubeConfig.clusterCaCertificate),
    });
    const provider = this.kubernetesProvider;
    this.storageClasses = new PlatformStorageClasses(this, 'storage-classes', { provider, catalog, cloud: 'aks', parameters: AKS_STORAGE_CLASS_PARAMETERS }).storageClasses;
    this.namespaces = new GenesysNamespaces(this, 'namespaces', { provider, catalog, serviceGroups: r.serviceGroups }).namespaces;
    this.priorityClasses = new GenesysPriorityClasses(this, 'priority-classes', { provider, catalog }).priorityClasses;

    const metadata: UnitMetadata = { boundaries: this.boundaries, serviceGroups: r.serviceGroups };
    stack.addOverride(`//.${CXUNIT_METADATA_KEY}`, metadata);
    // cdktf 0.21 records no creation stack trace ("//".metadata has path and uniqueId only): findings point at this line instead
    const createdAt = creationSite(this.node.path);
    if (createdAt) stack.addOverride(`//.${CXUNIT_METADATA_KEY}.createdAt`, createdAt);
  }
}
