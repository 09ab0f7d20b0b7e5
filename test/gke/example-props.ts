import { GkeUnitProps } from '../../lib/gke/gke-unit-props';

/** A primary unit with SBCs, a peer unit, a third-party pool and DNS: the base of the GkeUnit tests. */
export const PRIMARY: GkeUnitProps = {
  unitName: 'usw1',
  project: 'acme-cx-usw1',
  region: 'us-west1',
  zones: ['us-west1-a', 'us-west1-b', 'us-west1-c'],
  subnetCidr: '10.10.0.0/20',
  servicesCidr: '10.10.16.0/20',
  podsCidr: '10.12.0.0/16',
  thirdPartyMachineType: 'n2-highmem-8',
  thirdPartyLocalSsdCount: 2,
  sbcSourceRanges: ['192.0.2.0/24'],
  peerUnits: [{ unitName: 'use1', subnetCidr: '10.20.0.0/20', podsCidr: '10.22.0.0/16', servicesCidr: '10.20.16.0/20', sbcSourceRanges: ['198.51.100.0/24'], network: 'projects/acme-cx-use1/global/networks/use1-vpc' }],
  dnsManagedZone: 'cx-example',
  dnsDomain: 'usw1.cx.example.com',
};
