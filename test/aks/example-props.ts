import { AksUnitProps } from '../../lib/aks/aks-unit-props';

/** A primary AKS unit with SBCs, a peer unit, a third-party pool and DNS: the base of the AksUnit tests. */
export const AKS_PRIMARY: AksUnitProps = {
  unitName: 'weu1',
  resourceGroupName: 'cx-weu1',
  location: 'westeurope',
  vnetCidr: '10.30.0.0/16',
  servicesCidr: '10.130.0.0/16',
  thirdPartyVmSize: 'Standard_L8s_v3',
  sbcSourceRanges: ['192.0.2.0/24'],
  peerUnits: [{ unitName: 'neu1', vnetId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/cx-neu1/providers/Microsoft.Network/virtualNetworks/neu1-vnet', vnetCidr: '10.40.0.0/16', sbcSourceRanges: ['198.51.100.0/24'] }],
  dnsZoneName: 'cx.example.com',
};
