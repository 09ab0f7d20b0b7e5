import { Catalog } from '../../../lib/architecture/catalog';
import { kubernetesVersion } from '../../../policies/gke/kubernetes-version';
import { formatReference } from '../../../policies/shared/document';
import { expected, violations } from './stack-fixtures';

const requirement = Catalog.default().version('kubernetes');
const REFERENCE = formatReference(requirement.reference);
const CLUSTER = 'google_container_cluster.unit_cluster';
const AT = 'resource.google_container_cluster.unit_cluster';

describe('gke.kubernetes-version', () => {
  it('reads the minimum from the catalog', () => {
    expect(requirement.minimum).toBe('1.25');
  });

  it('passes pinned versions at or above the minimum, "latest", and a pool following the control plane', () => {
    expect(violations(kubernetesVersion, 'gke/kubernetes-version/compliant.json')).toEqual([]);
  });

  it('passes a cluster that pins no version and sets no channel (GKE enrols it in REGULAR)', () => {
    expect(violations(kubernetesVersion, 'gke/kubernetes-version/compliant-unpinned.json')).toEqual([]);
  });

  it('fails a min_master_version below the minimum', () => {
    expect(violations(kubernetesVersion, 'gke/kubernetes-version/master-too-old.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.min_master_version`,
      message: `the cluster sets min_master_version = "1.24.17-gke.2200": private edition needs Kubernetes ${requirement.minimum} or later`,
      reference: REFERENCE,
    }));
  });

  it('fails a node_version below the minimum (compared numerically, not as text)', () => {
    expect(violations(kubernetesVersion, 'gke/kubernetes-version/node-version-too-old.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.node_version`,
      message: `the cluster sets node_version = "1.9.7": private edition needs Kubernetes ${requirement.minimum} or later`,
      reference: REFERENCE,
    }));
  });

  it('fails a node pool version below the minimum', () => {
    expect(violations(kubernetesVersion, 'gke/kubernetes-version/pool-too-old.json')).toEqual(expected({
      address: 'google_container_node_pool.general',
      path: 'resource.google_container_node_pool.general.version',
      message: `node pool "general" sets version = "1.23.17-gke.100": private edition needs Kubernetes ${requirement.minimum} or later`,
      reference: REFERENCE,
    }));
  });

  it('fails release channel UNSPECIFIED without min_master_version', () => {
    expect(violations(kubernetesVersion, 'gke/kubernetes-version/channel-unspecified.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.release_channel.channel`,
      message: `release_channel.channel is "UNSPECIFIED" and min_master_version is not set, so the Kubernetes version is GKE's static default: choose a release channel or set min_master_version >= ${requirement.minimum}`,
      reference: REFERENCE,
    }));
  });

  it('cannot verify a version that is not a version', () => {
    expect(violations(kubernetesVersion, 'gke/kubernetes-version/not-a-version.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.min_master_version`,
      message: 'cannot verify the Kubernetes version of the cluster: min_master_version = "stable" is not a version such as "1.29" or "1.29.4-gke.1043002"',
      cannotVerify: true,
      reference: REFERENCE,
    }));
  });

  it('cannot verify versions read from a data source', () => {
    expect(violations(kubernetesVersion, 'gke/kubernetes-version/unresolved.json')).toEqual(expected(
      {
        address: CLUSTER,
        path: `${AT}.min_master_version`,
        message: 'cannot verify the Kubernetes version of the cluster: min_master_version is an unresolved reference (${data.google_container_engine_versions.usw1.latest_master_version})',
        cannotVerify: true,
        reference: REFERENCE,
      },
      {
        address: 'google_container_node_pool.general',
        path: 'resource.google_container_node_pool.general.version',
        message: 'cannot verify the Kubernetes version of node pool "general": version is an unresolved reference (${data.google_container_engine_versions.usw1.latest_node_version})',
        cannotVerify: true,
        reference: REFERENCE,
      },
    ));
  });

  it('cannot verify a min_master_version unknown until apply in a plan (the channel then does not matter), but trusts a pool version the configuration takes from the cluster', () => {
    expect(violations(kubernetesVersion, 'gke/kubernetes-version/version.plan.json')).toEqual(expected({
      address: CLUSTER,
      path: 'planned_values.root_module.resources[0].values.min_master_version',
      message: 'cannot verify the Kubernetes version of the cluster: min_master_version is unknown until apply',
      cannotVerify: true,
      reference: REFERENCE,
    }));
  });
});
