import { Rule, Violation } from '../../lib/policy/model';
import { read } from '../../lib/policy/values';
import { SETUP_DOCUMENT } from '../shared/document';
import { cannotVerify, isTrue, show } from '../shared/findings';
import { gkeClusters, isAutopilot } from '../shared/stack';
import { gkeNotApplicable } from '../shared/applicability';

export const filestoreCsi: Rule = {
  id: 'gke.filestore-csi',
  pack: 'gke',
  title: 'The Filestore CSI driver is enabled',
  severity: 'error',
  rationale: '003 "Storage requirements > File and disk storage for GKE", footnote **: "RWX type storage is tested with '
    + 'the Filestore CSI driver. This storage driver is not enabled by default and it must be enabled in the GKE '
    + 'clusters." The RWX storage classes (standard-rwx, redundant-rwx) provision through it. On Autopilot clusters GKE '
    + 'enables the driver by default (GKE docs, "Access Filestore instances with the Filestore CSI driver"), so an unset '
    + 'value passes there; an explicit false fails everywhere.',
  reference: { document: SETUP_DOCUMENT, section: 'Storage requirements > File and disk storage for GKE' },
  remediation: 'Set `addons_config.gcp_filestore_csi_driver_config.enabled = true` on the cluster.',
  suppressible: true,
  notApplicable: gkeNotApplicable,
  evaluate(stack) {
    const violations: Violation[] = [];
    for (const cluster of gkeClusters(stack)) {
      const enabled = read(cluster, 'addons_config', 'gcp_filestore_csi_driver_config', 'enabled');
      if (enabled.kind === 'unknown') violations.push(cannotVerify(cluster, enabled, 'that the Filestore CSI driver is enabled'));
      else if (enabled.kind === 'absent') {
        if (isAutopilot(cluster)) continue;
        violations.push({ address: cluster.address, path: enabled.path, message: 'addons_config.gcp_filestore_csi_driver_config.enabled is not set and the driver is off by default: set it to true (the RWX storage classes need it)' });
      } else if (!isTrue(enabled.value)) {
        violations.push({ address: cluster.address, path: enabled.path, message: `addons_config.gcp_filestore_csi_driver_config.enabled is ${show(enabled.value)}: set it to true (the RWX storage classes need it)` });
      }
    }
    return violations;
  },
};
