import { singleCluster } from '../../../policies/gke/single-cluster';
import { expected, violations } from './stack-fixtures';

describe('gke.single-cluster', () => {
  it('passes a stack with one cluster', () => {
    expect(violations(singleCluster, 'gke/single-cluster/compliant.json')).toEqual([]);
  });

  it('passes a stack without a cluster (not a GKE unit stack)', () => {
    expect(violations(singleCluster, 'gke/single-cluster/compliant-no-cluster.json')).toEqual([]);
  });

  it('fails every cluster of a stack with two', () => {
    const message = 'the stack declares 2 GKE clusters (google_container_cluster.unit_cluster, google_container_cluster.staging_cluster): all private edition components of a unit run in a single cluster; move other clusters to their own stacks';
    expect(violations(singleCluster, 'gke/single-cluster/two-clusters.json')).toEqual(expected(
      { address: 'google_container_cluster.unit_cluster', path: 'resource.google_container_cluster.unit_cluster', message },
      { address: 'google_container_cluster.staging_cluster', path: 'resource.google_container_cluster.staging_cluster', message },
    ));
  });
});
