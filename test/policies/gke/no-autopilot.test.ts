import { noAutopilot } from '../../../policies/gke/no-autopilot';
import { expected, violations } from './stack-fixtures';

const CLUSTER = 'google_container_cluster.unit_cluster';

describe('gke.no-autopilot', () => {
  it('passes a Standard cluster', () => {
    expect(violations(noAutopilot, 'gke/no-autopilot/compliant.json')).toEqual([]);
  });

  it('fails when enable_autopilot is true', () => {
    expect(violations(noAutopilot, 'gke/no-autopilot/autopilot-enabled.json')).toEqual(expected({
      address: CLUSTER,
      path: 'resource.google_container_cluster.unit_cluster.enable_autopilot',
      message: 'enable_autopilot is true: Autopilot clusters are not supported; remove enable_autopilot and declare the node pools',
    }));
  });

  it('cannot verify an unresolved enable_autopilot', () => {
    expect(violations(noAutopilot, 'gke/no-autopilot/autopilot-unresolved.json')).toEqual(expected({
      address: CLUSTER,
      path: 'resource.google_container_cluster.unit_cluster.enable_autopilot',
      message: 'cannot verify that Autopilot is off: enable_autopilot is an unresolved reference (${var.autopilot})',
      cannotVerify: true,
    }));
  });

  it('cannot verify enable_autopilot unknown until apply in a plan', () => {
    expect(violations(noAutopilot, 'gke/no-autopilot/autopilot-unknown.plan.json')).toEqual(expected({
      address: CLUSTER,
      path: 'planned_values.root_module.resources[0].values.enable_autopilot',
      message: 'cannot verify that Autopilot is off: enable_autopilot is unknown until apply',
      cannotVerify: true,
    }));
  });
});
