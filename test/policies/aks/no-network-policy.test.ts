import { noNetworkPolicy } from '../../../policies/aks/no-network-policy';
import { CLUSTER, cluster, compliantUnit, expectInBothShapes, pathIn, unitWith } from './aks-fixtures';

const WHY = 'Genesys does not supply or enforce network policies, and an engine enforces every NetworkPolicy that charts or operators ship';

describe('aks.no-network-policy', () => {
  it('is a suppressible warning: 003\'s platform-neutral text lets customers add their own policies', () => {
    expect({ severity: noNetworkPolicy.severity, suppressible: noNetworkPolicy.suppressible, section: noNetworkPolicy.reference.section })
      .toEqual({ severity: 'warning', suppressible: true, section: 'Network settings > Network Policy' });
  });

  it('passes a cluster without a policy engine', () => {
    expectInBothShapes(noNetworkPolicy, compliantUnit(), () => []);
  });

  it.each(['calico', 'azure', 'cilium'])('reports network_policy = %s', (engine) => {
    expectInBothShapes(noNetworkPolicy, unitWith((d) => { cluster(d).network_profile.network_policy = engine; }), (shape) => [{
      address: CLUSTER, path: pathIn(shape, CLUSTER, 'network_profile', 'network_policy'),
      message: `network_profile.network_policy is "${engine}", which installs a network policy engine: ${WHY}`,
    }]);
  });

  it('reports the Cilium data plane and Cilium advanced security', () => {
    expectInBothShapes(noNetworkPolicy, unitWith((d) => {
      Object.assign(cluster(d).network_profile, { network_data_plane: 'cilium', advanced_networking: { observability_enabled: true, security_enabled: true } });
    }), (shape) => [
      { address: CLUSTER, path: pathIn(shape, CLUSTER, 'network_profile', 'network_data_plane'), message: `network_profile.network_data_plane is "cilium", which selects the Cilium data plane, which always enforces network policy: ${WHY}` },
      { address: CLUSTER, path: pathIn(shape, CLUSTER, 'network_profile', 'advanced_networking', 'security_enabled'), message: `network_profile.advanced_networking.security_enabled is true, which enables Cilium FQDN and layer-7 network policies: ${WHY}` },
    ]);
  });
});
