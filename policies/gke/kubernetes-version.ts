import { Rule, TerraformResource, Violation } from '../../lib/policy/model';
import { PathStep, read } from '../../lib/policy/values';
import { formatReference, SETUP_DOCUMENT } from '../shared/document';
import { cannotVerify, describeSteps, show } from '../shared/findings';
import { nodePoolSites } from '../shared/node-pools';
import { gkeClusters } from '../shared/stack';
import { catalogOf } from '../shared/catalog';
import { gkeNotApplicable } from '../shared/applicability';

/**
 * A node pool version that follows the cluster's control plane (`${google_container_cluster.x.master_version}`)
 * is as new as the control plane, whose version this rule checks: it is safe although unresolved. In a
 * plan the same shows as an unknown `version` whose configuration refers only to the cluster.
 */
const FOLLOWS_CONTROL_PLANE = /^unresolved reference \$\{google_container_cluster\.[^.}]+\.(?:master_version|min_master_version)\}$/;
const CLUSTER_VERSION_REFERENCE = /^(?:module\.[^.]+\.)*google_container_cluster\.[^.]+(?:\.(?:master_version|min_master_version))?$/;

function followsControlPlane(resource: TerraformResource, steps: readonly PathStep[], reason: string): boolean {
  if (FOLLOWS_CONTROL_PLANE.test(reason)) return true;
  const references = steps.length === 1 && steps[0] === 'version' ? resource.references?.version : undefined;
  return references !== undefined && references.length > 0 && references.every((r) => CLUSTER_VERSION_REFERENCE.test(r));
}

export const kubernetesVersion: Rule = {
  id: 'gke.kubernetes-version',
  pack: 'gke',
  title: 'Kubernetes is at least the documented version',
  severity: 'error',
  rationale: '003 "Software requirements > Private edition general prerequisites" lists "Kubernetes 1.25" (the catalog '
    + 'takes it as the minimum: version(\'kubernetes\')). Checked where the configuration pins a version: the cluster\'s '
    + '`min_master_version` and `node_version` and each node pool\'s `version` (major.minor compared; "latest" passes). '
    + 'A cluster that pins no version passes when it is on a release channel or sets none: GKE then enrols it in the '
    + 'REGULAR channel, and since 2024 no channel offers versions below 1.25. `release_channel.channel = '
    + '"UNSPECIFIED"` without `min_master_version` fails: the cluster then gets GKE\'s static default version, which '
    + 'the configuration does not state. A node pool version that references the cluster\'s `master_version` is '
    + 'safe although unresolved: it follows the control plane.',
  reference: { document: SETUP_DOCUMENT, section: 'Software requirements > Private edition general prerequisites' },
  remediation: 'Put the cluster on a release channel (`release_channel { channel = "REGULAR" }`) or set '
    + '`min_master_version` to 1.25 or later; pin node pool versions to 1.25 or later, or to the cluster\'s '
    + '`master_version`.',
  suppressible: true,
  notApplicable: gkeNotApplicable,
  evaluate(stack, context) {
    const requirement = catalogOf(context).version('kubernetes');
    const minimum = parseVersion(requirement.minimum)!;
    const reference = formatReference(requirement.reference);
    const violations: Violation[] = [];

    const checkVersion = (resource: TerraformResource, steps: PathStep[], subject: string, relative: PathStep[]) => {
      const version = read(resource, ...steps);
      const attribute = describeSteps(relative);
      if (version.kind === 'unknown') {
        if (!followsControlPlane(resource, steps, version.reason)) violations.push(cannotVerify(resource, version, `the Kubernetes version of ${subject}`));
        return version;
      }
      if (version.kind !== 'value' || String(version.value).toLowerCase() === 'latest') return version;
      const parsed = parseVersion(String(version.value));
      if (!parsed) {
        violations.push({ address: resource.address, path: version.path, message: `cannot verify the Kubernetes version of ${subject}: ${attribute} = ${show(version.value)} is not a version such as "1.29" or "1.29.4-gke.1043002"`, cannotVerify: true });
      } else if (compare(parsed, minimum) < 0) {
        violations.push({ address: resource.address, path: version.path, message: `${subject} sets ${attribute} = ${show(version.value)}: private edition needs Kubernetes ${requirement.minimum} or later` });
      }
      return version;
    };

    for (const cluster of gkeClusters(stack)) {
      const masterVersion = checkVersion(cluster, ['min_master_version'], 'the cluster', ['min_master_version']);
      checkVersion(cluster, ['node_version'], 'the cluster', ['node_version']);
      if (masterVersion.kind !== 'absent') continue;
      const channel = read(cluster, 'release_channel', 'channel');
      if (channel.kind === 'unknown') violations.push(cannotVerify(cluster, channel, 'the Kubernetes version of the cluster'));
      else if (channel.kind === 'value' && String(channel.value).toUpperCase() === 'UNSPECIFIED') {
        violations.push({ address: cluster.address, path: channel.path, message: `release_channel.channel is "UNSPECIFIED" and min_master_version is not set, so the Kubernetes version is GKE's static default: choose a release channel or set min_master_version >= ${requirement.minimum}` });
      }
    }
    for (const pool of nodePoolSites(stack)) {
      checkVersion(pool.resource, [...pool.at, 'version'], pool.description, ['version']);
    }
    return violations.map((violation) => ({ ...violation, reference }));
  },
};

/** `1.29.4-gke.1043002` as [1, 29]; undefined when the text does not start with major.minor. */
function parseVersion(text: string): [number, number] | undefined {
  const match = /^v?(\d+)\.(\d+)(?:$|[.-])/.exec(text.trim());
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

function compare(a: readonly [number, number], b: readonly [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}
