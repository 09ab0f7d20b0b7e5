import { didYouMean } from '../../lib/policy/did-you-mean';
import { ALL_RULES } from '../../policies';

/** The hint after a mistyped rule id or stack name: expected ids written by hand. */
const IDS = ALL_RULES.map((rule) => rule.id);

describe('didYouMean', () => {
  it.each([
    ['gke.no-autopilto', ' (did you mean "gke.no-autopilot"?)'],
    ['network.exact-port', ' (did you mean "network.exact-ports"?)'],
    ['gke.autopilot', ' (did you mean "gke.no-autopilot"?)'],
    // the pack left out: every pack's rule of that name
    ['no-network-policy', ' (did you mean "gke.no-network-policy" or "aks.no-network-policy"?)'],
    ['kubernetes-version', ' (did you mean "gke.kubernetes-version" or "aks.kubernetes-version"?)'],
    ['aks.zone', ' (did you mean "aks.zones"?)'],
    // nothing close: no hint rather than a wrong one
    ['acme.team-label', ''],
    ['network', ''],
    ['gke.no-autopilot', ''],
  ])('%s', (given, hint) => {
    expect(didYouMean(given, IDS)).toBe(hint);
  });

  it('names up to three candidates at the same distance', () => {
    expect(didYouMean('u3', ['u1', 'u2', 'ops'])).toBe(' (did you mean "u1" or "u2"?)');
    expect(didYouMean('u9', ['u1', 'u2', 'u3', 'u4'])).toBe(' (did you mean "u1", "u2" or "u3"?)');
  });
});
