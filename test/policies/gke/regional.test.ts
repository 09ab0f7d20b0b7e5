import { regional } from '../../../policies/gke/regional';
import { expected, violations } from './stack-fixtures';

const CLUSTER = 'google_container_cluster.unit_cluster';
const AT = 'resource.google_container_cluster.unit_cluster';

describe('gke.regional', () => {
  it('passes a regional cluster with three node locations', () => {
    expect(violations(regional, 'gke/regional/compliant.json')).toEqual([]);
  });

  it('passes a regional cluster that leaves node_locations to GKE', () => {
    expect(violations(regional, 'gke/regional/compliant-default-zones.json')).toEqual([]);
  });

  it('fails a zonal cluster', () => {
    expect(violations(regional, 'gke/regional/zonal.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.location`,
      message: 'location is the zone "us-west1-a", which makes a zonal cluster: set location to the region "us-west1"',
    }));
  });

  it('fails when location is unset', () => {
    expect(violations(regional, 'gke/regional/location-unset.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.location`,
      message: 'location is not set, so the provider\'s default location applies: set location to the unit\'s region (e.g. "us-west1")',
    }));
  });

  it('fails a location that is not a region', () => {
    expect(violations(regional, 'gke/regional/not-a-region.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.location`,
      message: 'location "US" is not a Google Cloud region: set location to the unit\'s region (e.g. "us-west1")',
    }));
  });

  it('fails node_locations with fewer than three zones', () => {
    expect(violations(regional, 'gke/regional/two-zones.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.node_locations`,
      message: 'node_locations names 2 zones (us-west1-a, us-west1-b): name at least 3 zones or leave node_locations unset',
    }));
  });

  it('fails a zonal cluster in a plan\'s child module', () => {
    expect(violations(regional, 'gke/regional/zonal.plan.json')).toEqual(expected(
      {
        address: 'module.unit.google_container_cluster.unit_cluster',
        path: 'planned_values.root_module.child_modules[0].resources[0].values.location',
        message: 'location is the zone "us-west1-b", which makes a zonal cluster: set location to the region "us-west1"',
      },
      {
        address: 'module.unit.google_container_cluster.unit_cluster',
        path: 'planned_values.root_module.child_modules[0].resources[0].values.node_locations',
        message: 'node_locations names 2 zones (us-west1-a, us-west1-c): name at least 3 zones or leave node_locations unset',
      },
    ));
  });

  it('cannot verify an unresolved location', () => {
    expect(violations(regional, 'gke/regional/location-unresolved.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.location`,
      message: 'cannot verify that the cluster is regional: location is an unresolved reference (${var.region})',
      cannotVerify: true,
    }));
  });

  it('cannot verify node_locations holding an unresolved zone', () => {
    expect(violations(regional, 'gke/regional/zones-unresolved.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.node_locations`,
      message: 'cannot verify the zones of the cluster: node_locations holds unresolved references or values unknown until apply',
      cannotVerify: true,
    }));
  });
});
