import { Rule } from '../../lib/policy/model';
import { SETUP_DOCUMENT } from '../shared/document';
import { aksClusters } from '../shared/aks';
import { aksNotApplicable } from '../shared/applicability';

export const singleCluster: Rule = {
  id: 'aks.single-cluster',
  pack: 'aks',
  title: 'One AKS cluster per unit stack',
  severity: 'error',
  rationale: '003 "Kubernetes clusters" (platform-neutral): "Private edition does not currently support multiple '
    + 'instances of the platform in a single Kubernetes cluster", and separate environments get separate clusters; '
    + 'a unit is one cluster (003 "Units": "A Kubernetes cluster with all of the private edition service pods"). The '
    + 'firm "single GKE cluster" sentence is GKE-only and reaches AKS by analogy, and the neutral "Autoscaling" text '
    + 'allows several clusters for large installations ("you might need to deploy multiple clusters"): hence '
    + 'suppressible. cxunit makes one stack per unit, so a stack with several clusters splits a unit.',
  reference: { document: SETUP_DOCUMENT, section: 'Kubernetes clusters' },
  remediation: 'Keep one azurerm_kubernetes_cluster per unit stack; give each further unit or environment its own stack. '
    + 'Suppress with a reason for a documented large-installation split or a data-store cluster.',
  suppressible: true,
  notApplicable: aksNotApplicable,
  evaluate(stack) {
    const clusters = aksClusters(stack);
    if (clusters.length <= 1) return [];
    const addresses = clusters.map((c) => c.address).join(', ');
    return clusters.map((cluster) => ({
      address: cluster.address,
      path: cluster.jsonPath,
      message: `the stack declares ${clusters.length} AKS clusters (${addresses}): a unit's private edition services run in one cluster; move other clusters to their own stacks`,
    }));
  },
};
