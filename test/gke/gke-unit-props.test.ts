import * as path from 'path';
import { GkeUnitPropsError } from '../../lib/gke/gke-unit';
import { GkeUnitProps, resolveGkeUnitProps } from '../../lib/gke/gke-unit-props';
import { constructGkeUnit, constructGkeUnitsInOneStack, deployTimeString, onlyResource, synthesizeGkeUnit } from '../../lib/testing/synth';
import { PRIMARY } from './example-props';

/** The constructor's error for PRIMARY with `changes`: every problem, each with the bad value and the fix. */
function errorOf(changes: Partial<GkeUnitProps>): string {
  try {
    constructGkeUnit({ ...PRIMARY, ...changes });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('GkeUnit accepted the props');
}

const invalid = (...problems: string[]) => `invalid GkeUnit "usw1":\n${problems.map((p) => `  - ${p}`).join('\n')}`;

describe('GkeUnit props validation', () => {
  it('accepts the example props', () => {
    expect(() => constructGkeUnit(PRIMARY)).not.toThrow();
  });

  it('throws a props mistake with the user\'s frames only, and the problems as a field Node does not print twice', () => {
    let thrown: GkeUnitPropsError | undefined;
    try {
      constructGkeUnit({ ...PRIMARY, podsCidr: '10.8.0.0/14', servicesCidr: '10.13.0.0/20' });
    } catch (error) {
      thrown = error as GkeUnitPropsError;
    }
    const [first, ...frames] = thrown!.stack!.split('\n');
    expect(first).toBe('GkeUnitPropsError: invalid GkeUnit "usw1":');
    const stackFrames = frames.filter((line) => /^\s+at /.test(line));
    expect(stackFrames.length).toBeGreaterThan(0);
    // The caller here is this test file: no frame of cxunit's lib/ or dist/, of constructs or of cdktf.
    expect(stackFrames.filter((line) => !line.includes(`${path.sep}test${path.sep}`))).toEqual([]);
    expect(thrown!.problems).toEqual(['podsCidr 10.8.0.0/14 overlaps subnetCidr 10.10.0.0/20 in unit "usw1": choose ranges that do not overlap']);
    expect(Object.keys(thrown!)).not.toContain('problems');
  });

  it('fails when podsCidr overlaps the subnet', () => {
    expect(errorOf({ podsCidr: '10.8.0.0/14', servicesCidr: '10.13.0.0/20' })).toBe(invalid(
      'podsCidr 10.8.0.0/14 overlaps subnetCidr 10.10.0.0/20 in unit "usw1": choose ranges that do not overlap'));
  });

  it('fails when a range overlaps a peer unit\'s', () => {
    expect(errorOf({ peerUnits: [{ unitName: 'use1', subnetCidr: '10.10.0.0/20', podsCidr: '10.22.0.0/16', servicesCidr: '10.20.16.0/20' }] })).toBe(invalid(
      'subnetCidr 10.10.0.0/20 overlaps subnetCidr 10.10.0.0/20 of unit "use1": the units of a unit group reach each other over VPC peering, so every range must be distinct; choose ranges that do not overlap'));
  });

  it('fails when a peer\'s data-store subnet has host bits set', () => {
    expect(errorOf({ peerUnits: [{ ...PRIMARY.peerUnits![0], dataStoreSubnetCidr: '10.20.32.1/24' }] })).toBe(invalid(
      'peer unit "use1" dataStoreSubnetCidr "10.20.32.1/24" has host bits set: write the network address "10.20.32.0/24"'));
  });

  it('fails when a CIDR is malformed or has host bits set', () => {
    expect(errorOf({ subnetCidr: '10.10.1.0/20', servicesCidr: '10.10.16.0/33' })).toBe(invalid(
      'subnetCidr "10.10.1.0/20" has host bits set: write the network address "10.10.0.0/20"',
      'servicesCidr "10.10.16.0/33" is not a CIDR range: write it as an address and a prefix length, e.g. "10.0.0.0/20"'));
  });

  it('fails when a range is IPv6', () => {
    expect(errorOf({ podsCidr: 'fd00::/48' })).toBe(invalid(
      'podsCidr "fd00::/48" is an IPv6 range: cxunit units are IPv4 (GKE stack type IPV4); use an IPv4 range such as "10.0.0.0/20"'));
  });

  it('fails when the Services range is smaller than /24', () => {
    expect(errorOf({ servicesCidr: '10.10.16.0/26' })).toBe(invalid(
      'servicesCidr 10.10.16.0/26 is smaller than /24 (the Services of the 22 namespaces of 003 "Creating namespaces" need room): use a /24 or larger range (a prefix of 24 or less)'));
  });

  it('fails when podsCidr cannot hold the node pools at their peak', () => {
    expect(errorOf({ podsCidr: '10.12.0.0/21' })).toBe(invalid(
      'podsCidr 10.12.0.0/21 holds pod ranges for 8 nodes (a /24 per node), but the node pools can reach 48 nodes (3 zones × (general 5 + 1 surge, real-time 3 × 2 during a blue-green upgrade, third-party 3 + 1 surge)): use a /18 or larger, or lower the maxNodesPerZone values'));
  });

  it('fails when a zone is outside the region', () => {
    expect(errorOf({ zones: ['us-west1-a', 'us-west1-b', 'us-east1-c'] })).toBe(invalid(
      'zone "us-east1-c" is not in region "us-west1": use a zone of the region, e.g. "us-west1-a"'));
  });

  it('fails once, on the region, when the zones agree on another region (a typo in the region)', () => {
    expect(errorOf({ region: 'us-wset1' })).toBe(invalid(
      'region "us-wset1" is not the region of the zones (us-west1-a, us-west1-b, us-west1-c, in "us-west1"): correct the region, or list zones of "us-wset1"'));
  });

  it('fails with fewer than three zones', () => {
    expect(errorOf({ zones: ['us-west1-a', 'us-west1-b'] })).toBe(invalid(
      'zones lists 2 zones (us-west1-a, us-west1-b): a unit\'s cluster is regional with nodes in at least three zones; list three zones of "us-west1"'));
  });

  it('fails when the general machine type has the wrong memory ratio', () => {
    expect(errorOf({ generalMachineType: 'n2-highmem-8' })).toBe(invalid(
      'machine type "n2-highmem-8" has 8 GB memory per vCPU, but the general node pool needs 4 (003 "Deployment > Node pools"): use a 4 GB/vCPU type such as "n2-standard-8"'));
  });

  it('fails when minMasterVersion is below the documented minimum or malformed', () => {
    expect(errorOf({ minMasterVersion: '1.24' })).toBe(invalid(
      'minMasterVersion "1.24" is below the documented minimum 1.25 (003 "Software requirements > Private edition general prerequisites": "Kubernetes 1.25"): use "1.25" or later'));
    expect(errorOf({ minMasterVersion: 'latest' })).toBe(invalid(
      'minMasterVersion "latest" is not a GKE version: write it as "1.30" or "1.30.5-gke.1014001"'));
  });

  it('fails when the real-time pool drains for less than 60 minutes', () => {
    expect(errorOf({ realtimeDrainMinutes: 30 })).toBe(invalid(
      'drainMinutes 30 of the real-time node pool is below the 60 minutes its voice sessions need to drain (003 "Deployment > Node pools"): use a whole number of 60 or more'));
  });

  it('fails when a pool may scale to zero nodes per zone', () => {
    expect(errorOf({ realtimeMinNodesPerZone: 0 })).toBe(invalid(
      'minNodesPerZone 0 of the real-time node pool must be a whole number of 1 or more (at least one node per zone): use 1 or more'));
  });

  it('fails when a bundled-SSD machine type is given a local SSD count', () => {
    expect(errorOf({ thirdPartyMachineType: 'z3-highmem-88', thirdPartyLocalSsdCount: 2 })).toBe(invalid(
      'localSsdCount 2 of the third-party node pool cannot be set for "z3-highmem-88", which comes with its own local SSD disks: omit it (GKE uses every bundled disk)'));
  });

  it('fails on an unknown or repeated service group', () => {
    expect(errorOf({ serviceGroups: ['voice', 'nope', 'voice'] })).toBe(invalid(
      'service group "nope" is not in the catalog (003 "Creating namespaces"): use one of designer, gws, ges, gim, gcxi, pulse, nexus, ixn, ucsx, iwd, cxc, gvp, webrtc, voice, voice-tenants, voice-legacy, gluswfm, tlm, bds, gauth',
      'service group "voice" is listed twice: list each service group once'));
  });

  it('fails when a secondary unit enables a service group that is not voice-related (003 "Units")', () => {
    expect(errorOf({ role: 'secondary', serviceGroups: ['voice', 'pulse', 'webrtc'] })).toBe(invalid(
      'service group "pulse" cannot run in secondary unit "usw1": 003 "Units" says a secondary unit only supports voice-related services (gvp, webrtc, voice, voice-tenants, voice-legacy): remove it, or run it in the primary unit'));
  });

  it('defaults a secondary unit to the voice-related service groups', () => {
    expect(resolveGkeUnitProps({ ...PRIMARY, role: 'secondary', serviceGroups: undefined }).serviceGroups).toEqual(['gvp', 'webrtc', 'voice', 'voice-tenants', 'voice-legacy']);
  });

  it('fails when egress lockdown has no reserved Filestore range (NFS would be dropped)', () => {
    expect(errorOf({ egressLockdown: true })).toBe(invalid(
      'egressLockdown is on but no filestoreReservedCidr is given: Filestore would pick its own range for redundant-rwx and the deny-all egress rule would drop NFS; reserve a range for it (e.g. "10.20.48.0/24") that overlaps none of the unit\'s'));
  });

  it('fails when the reserved Filestore range overlaps the unit, or lacks its allocated range name on a Shared VPC network', () => {
    expect(errorOf({ filestoreReservedCidr: '10.12.8.0/24' })).toMatch(/^invalid GkeUnit "usw1":\n {2}- Filestore reserved range 10\.12\.8\.0\/24 overlaps podsCidr 10\.12\.0\.0\/16/);
    expect(errorOf({ filestoreReservedCidr: '10.10.48.0/24', existingNetworkName: 'shared-vpc', existingSubnetName: 'cx-usw1', networkProject: 'acme-network-host' })).toBe(invalid(
      'the unit is on a Shared VPC network, where Filestore connects through private services access: give the name of the allocated range whose CIDR is filestoreReservedCidr'));
  });

  it('fails when a store the services need has no declared place (003 "Third-party dependencies"), naming the services', () => {
    expect(errorOf({ role: 'secondary', serviceGroups: ['voice', 'voice-tenants', 'gvp'], dataStoreSubnetCidr: '10.10.32.0/24', dataStores: ['redis', 'kafka'] })).toBe(invalid(
      'unit "usw1" does not say where postgres (needed by Genesys Voice Platform, Tenant Service); consul (needed by Tenant Service, Voice Microservices); mssql (needed by Genesys Voice Platform) live '
      + '(003 "Third-party dependencies"): add each to the stores (the data subnet 10.10.32.0/24), the in-cluster stores, or the external stores with their range '
      + '(units.yaml dataStores.stores / .inCluster / .external; GkeUnit dataStores / inClusterDataStores / externalDataStores)'));
  });

  it('fails when sbcRtpPortRange is not a port range, or is given without SBCs', () => {
    expect(errorOf({ sbcRtpPortRange: 'rtp' })).toBe(invalid('sbcRtpPortRange "rtp" is not a port range: write the SBC\'s media range as "16384-32767"'));
    expect(errorOf({ sbcSourceRanges: undefined, sbcRtpPortRange: '16384-32767' })).toBe(invalid('sbcRtpPortRange "16384-32767" is given without sbcSourceRanges: give the SBCs\' source ranges too, or remove sbcRtpPortRange'));
  });

  it('fails on an invalid unit name', () => {
    expect(errorOf({ unitName: 'US-West' })).toBe(
      'invalid GkeUnit "US-West":\n  - unit name "US-West" is not valid: use 1-20 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen (it prefixes resource names and network tags)');
  });

  it('fails when a DNS zone is given without a domain', () => {
    expect(errorOf({ dnsDomain: undefined })).toBe(invalid(
      'dnsManagedZone is given without dnsDomain: give both the managed zone and the domain for the wildcard record, or neither'));
  });

  it('fails when data stores are listed without their subnet', () => {
    expect(errorOf({ dataStores: ['redis'] })).toBe(invalid(
      'dataStores lists redis but no dataStoreSubnetCidr: give the subnet where they run, or omit dataStores when the data stores run in the cluster'));
  });

  it('fails on an empty SBC list, a reversed RTP range, a bad health-check port and an absent ingress pool', () => {
    expect(errorOf({ sbcSourceRanges: [], rtpPortRange: '45000-20000', healthCheckPort: 70000, ingressNodePools: ['thirdParty'], thirdPartyMachineType: undefined, thirdPartyLocalSsdCount: undefined })).toBe(invalid(
      'sbcSourceRanges is empty: give at least one range, or omit it to close the voice boundary',
      'healthCheckPort 70000 is not a port: use a whole number between 1 and 65535 (10256 is kube-proxy\'s health endpoint)',
      'RTP port range "45000-20000" is reversed: write the lower port first ("20000-45000")',
      'ingressNodePools names "thirdParty", which is not a node pool of this unit: use "general" or "realtime"'));
  });

  it('fails when a stack would hold two units', () => {
    const use1: GkeUnitProps = { ...PRIMARY, unitName: 'use1', region: 'us-east1', zones: ['us-east1-b', 'us-east1-c', 'us-east1-d'], subnetCidr: '10.20.0.0/20', servicesCidr: '10.20.16.0/20', podsCidr: '10.22.0.0/16', peerUnits: undefined };
    expect(() => constructGkeUnitsInOneStack([{ ...PRIMARY, peerUnits: undefined }, use1])).toThrow(
      'stack "shared" already holds a unit: put each unit in its own stack (a unit\'s metadata and Kubernetes provider are per stack)');
  });

  it('does not validate a range known only at deploy time', () => {
    const json = synthesizeGkeUnit({ ...PRIMARY, subnetCidr: deployTimeString('var.subnet_cidr'), enforcePolicies: false });
    expect(onlyResource(json, 'google_compute_subnetwork').ip_cidr_range).toBe('${var.subnet_cidr}');
    expect(json['//'].cxunit.boundaries.unitRanges[0]).toBe('${var.subnet_cidr}');
  });

  it('fails synthesis when the policies cannot verify the flows of a range known only at deploy time (enforced by default)', () => {
    // Not a malformed address: network.exact-ports cannot compute the flows until the range is literal (test/network/deploy-time.test.ts).
    expect(() => synthesizeGkeUnit({ ...PRIMARY, subnetCidr: deployTimeString('var.subnet_cidr') }))
      .toThrow('[usw1] [network.exact-ports] stack: cannot verify that the firewall opens exactly the documented flows: the unit\'s unitRanges[0] is ${var.subnet_cidr}, known only at deploy time');
  });
});
