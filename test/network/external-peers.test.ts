import { externalPeers } from '../../policies/network/external-peers';
import { networkFixture } from './fixtures';

const AT = '["//"].cxunit.boundaries.externalPeers';

describe('network.external-peers', () => {
  it('warns, per kind of server, when egress lockdown opens external ports to every address', () => {
    // egress-lockdown runs IWD and CX Contact and names no external peers.
    expect(externalPeers.evaluate(networkFixture('egress-lockdown'))).toEqual([
      {
        address: 'stack', path: AT,
        message: 'egress lockdown opens tcp 20, tcp 21, tcp 22 to 0.0.0.0/0 for the unit\'s sftp servers: name them in units.yaml externalPeers.sftp (GkeUnitProps.sftpServerRanges) so that only those ranges are open',
        reference: 'Setting up Genesys Multicloud CX Private Edition, Communication ports and protocols: List by service row CX Contact #4',
      },
      {
        address: 'stack', path: AT,
        message: 'egress lockdown opens tcp 25, tcp 443, tcp 587, tcp 993 to 0.0.0.0/0 for the unit\'s mail servers: name them in units.yaml externalPeers.mail (GkeUnitProps.mailServerRanges) so that only those ranges are open',
        reference: 'Setting up Genesys Multicloud CX Private Edition, Communication ports and protocols: List by service row Intelligent Workload Distribution #2',
      },
    ]);
  });

  it('says nothing when the named peers narrow the rule, without lockdown, or when no service run reaches external servers', () => {
    const stack = networkFixture('egress-lockdown');
    const named = { ...stack, boundaries: { ...stack.boundaries!, externalPeers: { mail: ['192.0.2.25/32'], sftp: ['192.0.2.22/32'] } } };
    expect(externalPeers.evaluate(named)).toEqual([]);
    expect(externalPeers.evaluate({ ...stack, boundaries: { ...stack.boundaries!, egressLockdown: false } })).toEqual([]);
    expect(externalPeers.evaluate({ ...stack, serviceGroups: ['voice', 'gvp', 'webrtc'] })).toEqual([]);
  });
});
