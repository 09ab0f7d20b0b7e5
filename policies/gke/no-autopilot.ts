import { Rule, Violation } from '../../lib/policy/model';
import { read } from '../../lib/policy/values';
import { SETUP_DOCUMENT } from '../shared/document';
import { cannotVerify, isTrue } from '../shared/findings';
import { gkeClusters } from '../shared/stack';
import { gkeNotApplicable } from '../shared/applicability';

export const noAutopilot: Rule = {
  id: 'gke.no-autopilot',
  pack: 'gke',
  title: 'GKE clusters run in Standard mode, not Autopilot',
  severity: 'error',
  rationale: '003 "GKE > Not supported": "GKE clusters in Autopilot mode are not supported." Autopilot also '
    + 'manages node pools itself, so the documented general, real-time and third-party pools cannot be built.',
  reference: { document: SETUP_DOCUMENT, section: 'GKE > Not supported' },
  remediation: 'Remove `enable_autopilot` (or set it to false) and declare the node pools explicitly. The mode of '
    + 'an existing cluster cannot change: the cluster is replaced.',
  suppressible: false,
  notApplicable: gkeNotApplicable,
  evaluate(stack) {
    const violations: Violation[] = [];
    for (const cluster of gkeClusters(stack)) {
      const autopilot = read(cluster, 'enable_autopilot');
      if (autopilot.kind === 'unknown') violations.push(cannotVerify(cluster, autopilot, 'that Autopilot is off'));
      else if (autopilot.kind === 'value' && isTrue(autopilot.value)) {
        violations.push({ address: cluster.address, path: autopilot.path, message: 'enable_autopilot is true: Autopilot clusters are not supported; remove enable_autopilot and declare the node pools' });
      }
    }
    return violations;
  },
};
