import { Rule, TerraformResource, Violation } from '../../lib/policy/model';
import { PathStep, read } from '../../lib/policy/values';
import { SETUP_DOCUMENT } from '../shared/document';
import { cannotVerify, describeSteps, show } from '../shared/findings';
import { nodeConfigSites } from '../shared/node-pools';
import { gkeClusters } from '../shared/stack';
import { gkeNotApplicable } from '../shared/applicability';

const COS_CONTAINERD = 'COS_CONTAINERD';

export const cosContainerd: Rule = {
  id: 'gke.cos-containerd',
  pack: 'gke',
  title: 'Nodes run Container-Optimized OS with containerd',
  severity: 'warning',
  rationale: '003 "GKE > Notes on what is supported": "Genesys recommends using the Container-Optimized OS with '
    + 'ContainerD for Linux nodes." A recommendation, hence a warning. `image_type` is compared case-insensitively '
    + 'on the default pool, inline pools, node pool resources and node auto-provisioning defaults. An unset '
    + '`image_type` passes: GKE\'s default node image is COS_CONTAINERD on every GKE version cxunit supports '
    + '(Kubernetes 1.25 and later, where Docker-based images no longer exist).',
  reference: { document: SETUP_DOCUMENT, section: 'GKE > Notes on what is supported' },
  remediation: 'Set `node_config.image_type = "COS_CONTAINERD"` (or leave it unset) on every node pool.',
  suppressible: true,
  notApplicable: gkeNotApplicable,
  evaluate(stack) {
    const violations: Violation[] = [];
    const check = (resource: TerraformResource, steps: PathStep[], subject: string, relative: PathStep[]) => {
      const imageType = read(resource, ...steps);
      if (imageType.kind === 'unknown') violations.push(cannotVerify(resource, imageType, `the node image of ${subject}`));
      else if (imageType.kind === 'value' && String(imageType.value).toUpperCase() !== COS_CONTAINERD) {
        violations.push({ address: resource.address, path: imageType.path, message: `${subject} sets ${describeSteps(relative)} = ${show(imageType.value)}: Genesys recommends "${COS_CONTAINERD}"` });
      }
    };
    for (const site of nodeConfigSites(stack)) {
      check(site.resource, [...site.at, 'node_config', 'image_type'], site.description, ['node_config', 'image_type']);
    }
    for (const cluster of gkeClusters(stack)) {
      const steps = ['cluster_autoscaling', 'auto_provisioning_defaults', 'image_type'];
      check(cluster, steps, 'node auto-provisioning', steps);
    }
    return violations;
  },
};
