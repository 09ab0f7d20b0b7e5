import * as path from 'path';
import { Catalog } from '../../lib/architecture/catalog';
import { AksUnitConfig, aksProblemPath, aksUnitProps, GkeUnitConfig, gkeUnitProps, problemPath, readUnitsFile } from '../../lib/stacks/units-file';
import { ROOT } from '../helpers/cli';

const catalog = Catalog.default();
const fixture = (name: string) => readUnitsFile(path.join(ROOT, 'test/fixtures/units', name), { displayName: `test/fixtures/units/${name}`, catalog });

describe('units.yaml loading', () => {
  it('loads the shipped example: a GKE pair and an AKS pair, each a unit group with one primary', () => {
    const result = readUnitsFile(path.join(ROOT, 'stacks/units.yaml'), { catalog });
    expect(result.diagnostics).toEqual([]);
    expect(result.config!.unitGroup).toBe('genesys-na');
    expect(result.config!.units.map((u) => [u.name, u.cloud, u.unitGroup ?? result.config!.unitGroup, u.role, u.cloud === 'aks' ? u.location : u.region])).toEqual([
      ['usw1', 'gke', 'genesys-na', 'primary', 'us-west1'],
      ['use1', 'gke', 'genesys-na', 'secondary', 'us-east1'],
      ['weu1', 'aks', 'genesys-eu', 'primary', 'westeurope'],
      ['neu1', 'aks', 'genesys-eu', 'secondary', 'northeurope'],
    ]);
  });

  it('loads the valid fixture pair', () => {
    expect(fixture('pair.yaml').diagnostics).toEqual([]);
  });

  it('locates a problem at the line, column and key path of the offending entry', () => {
    expect(fixture('wrong-ratio.yaml').diagnostics).toEqual([{
      file: 'test/fixtures/units/wrong-ratio.yaml',
      line: 15,
      column: 31,
      path: 'units[0].nodePools.general.machineType',
      message: 'machine type "n2-highmem-8" has 8 GB memory per vCPU, but the general node pool needs 4 (003 "Deployment > Node pools"): use a 4 GB/vCPU type such as "n2-standard-8"',
    }]);
  });

  it('maps each construct prop to its place in a unit entry', () => {
    expect(problemPath(1, { prop: 'generalMachineType', message: '' })).toEqual(['units', 1, 'nodePools', 'general', 'machineType']);
    expect(problemPath(0, { prop: 'zones', index: 2, message: '' })).toEqual(['units', 0, 'zones', 2]);
    expect(problemPath(0, { prop: 'dataStoreSubnetCidr', message: '' })).toEqual(['units', 0, 'dataStores', 'subnetCidr']);
    expect(problemPath(0, { prop: 'podsCidr', message: '' })).toEqual(['units', 0, 'podsCidr']);
    expect(problemPath(0, { prop: 'thirdPartyMaxNodesPerZone', message: '' })).toEqual(['units', 0, 'nodePools', 'thirdParty', 'maxNodesPerZone']);
  });

  it('maps each AksUnit prop to its place in an AKS unit entry', () => {
    expect(aksProblemPath(2, { prop: 'realtimeVmSize', message: '' })).toEqual(['units', 2, 'nodePools', 'realtime', 'vmSize']);
    expect(aksProblemPath(2, { prop: 'generalMinNodesPerZone', message: '' })).toEqual(['units', 2, 'nodePools', 'general', 'minNodesPerZone']);
    expect(aksProblemPath(2, { prop: 'resourceGroupName', message: '' })).toEqual(['units', 2, 'resourceGroup']);
    expect(aksProblemPath(2, { prop: 'zones', index: 1, message: '' })).toEqual(['units', 2, 'zones', 1]);
    expect(aksProblemPath(2, { prop: 'dnsZoneName', message: '' })).toEqual(['units', 2, 'dns', 'zoneName']);
  });

  it('turns a unit entry into GkeUnit props, with the other units as peers and absent keys left to the defaults', () => {
    const config = fixture('pair.yaml').config!;
    const [usw1, use1] = config.units as GkeUnitConfig[];
    expect(gkeUnitProps(usw1, [use1], catalog)).toEqual({
      unitName: 'usw1',
      role: 'primary',
      project: 'acme-cx-usw1',
      region: 'us-west1',
      zones: ['us-west1-a', 'us-west1-b', 'us-west1-c'],
      subnetCidr: '10.10.0.0/20',
      podsCidr: '10.12.0.0/16',
      servicesCidr: '10.10.16.0/20',
      catalog,
      sbcSourceRanges: ['192.0.2.0/24'],
      peerUnits: [{ unitName: 'use1', subnetCidr: '10.20.0.0/20', podsCidr: '10.22.0.0/16', servicesCidr: '10.20.16.0/20', sbcSourceRanges: ['198.51.100.0/24'], network: 'projects/acme-cx-use1/global/networks/use1-vpc' }],
    });
  });

  it('passes sbcRtpPortRange to both constructs, and locates a bad one', () => {
    const config = fixture('pair.yaml').config!;
    const [usw1] = config.units as GkeUnitConfig[];
    expect(gkeUnitProps({ ...usw1, sbcRtpPortRange: '16384-32767' }, [], catalog).sbcRtpPortRange).toBe('16384-32767');
    const shipped = readUnitsFile(path.join(ROOT, 'stacks/units.yaml'), { catalog }).config!;
    const weu1 = shipped.units.find((u): u is AksUnitConfig => u.name === 'weu1')!;
    expect(aksUnitProps({ ...weu1, sbcRtpPortRange: '16384-32767' }, [], catalog).sbcRtpPortRange).toBe('16384-32767');
    expect(aksProblemPath(2, { prop: 'sbcRtpPortRange', message: '' })).toEqual(['units', 2, 'sbcRtpPortRange']);
    expect(problemPath(0, { prop: 'sbcRtpPortRange', message: '' })).toEqual(['units', 0, 'sbcRtpPortRange']);
  });

  it('gives an AKS unit its peer\'s data subnet, as for GKE (002 #22: Tenant to the remote Redis)', () => {
    const shipped = readUnitsFile(path.join(ROOT, 'stacks/units.yaml'), { catalog }).config!;
    const [weu1, neu1] = ['weu1', 'neu1'].map((name) => shipped.units.find((u): u is AksUnitConfig => u.name === name)!);
    // stacks/units.yaml, neu1: vnetCidr 10.40.0.0/16, sbcSourceRanges [198.51.100.128/25], dataStores.subnetCidr 10.40.64.0/24.
    expect(aksUnitProps(weu1, [neu1], catalog).peerUnits).toEqual([{
      unitName: 'neu1',
      vnetId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/cx-neu1/providers/Microsoft.Network/virtualNetworks/neu1-vnet',
      vnetCidr: '10.40.0.0/16', sbcSourceRanges: ['198.51.100.128/25'], dataStoreSubnetCidr: '10.40.64.0/24',
    }]);
    // weu1 keeps its stores in the cluster: nothing to add for neu1.
    expect(aksUnitProps(neu1, [weu1], catalog).peerUnits![0].dataStoreSubnetCidr).toBeUndefined();
    // weu1 has a third-party pool (units.yaml nodePools.thirdParty), where its in-cluster Redis runs.
    expect(aksUnitProps(neu1, [weu1], catalog).peerUnits![0].thirdPartyPool).toBe(true);
  });

  it('fails when data-store keys are given with placement in-cluster', () => {
    const result = readUnitsFile(path.join(ROOT, 'test/fixtures/units/in-cluster-with-subnet.yaml'), { displayName: 'in-cluster-with-subnet.yaml', catalog });
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.path}: ${d.message}`)).toEqual([
      '16:7 units[0].dataStores.subnetCidr: subnetCidr is given with placement "in-cluster": remove it, or set placement to "subnet" when the data stores run outside the cluster',
    ]);
  });
});
