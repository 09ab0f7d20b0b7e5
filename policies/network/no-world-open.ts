import { Catalog } from '../../lib/architecture/catalog';
import { portRange } from '../../lib/architecture/ports';
import { FAMILY_ANY } from '../../lib/network/address-set';
import { analyzeStack } from '../../lib/flow-evaluators';
import { DocumentedFlow, documentedFlows, FlowProtocol } from '../../lib/network/documented-flows';
import { describeTraffic } from '../../lib/network/flow-analysis';
import { InternetExemption, worldOpenFlows } from '../../lib/network/flow-comparison';
import { deployTimeValues } from '../../lib/policy/deploy-time';
import { Rule, StackInput } from '../../lib/policy/model';
import { cannotVerifyFlows, poolList, rulePath, ruleText } from './flow-text';
import { catalogOf } from '../shared/catalog';
import { SETUP_DOCUMENT } from '../shared/document';
import { networkNotApplicable } from '../shared/applicability';

export const noWorldOpen: Rule = {
  id: 'network.no-world-open',
  pack: 'network',
  title: 'Only the documented internet-facing ingress is reachable from the internet',
  severity: 'error',
  rationale: 'The only connections that 000 (row 1) and 001 (row 27) document from the internet are HTTPS to the ingress '
    + 'controller\'s load balancer (003 "Software requirements": a single regional external network load balancer passes '
    + 'HTTPS to NGINX Ingress Controller). Anything else open to every public address (0.0.0.0/0 or ::/0) is exposed to the '
    + 'whole internet. A port counts as open to the internet when it is open from every public address of IPv4 or IPv6 '
    + '(private and special-purpose blocks do not count, so denying 10.0.0.0/8 does not make a 0.0.0.0/0 rule safe). '
    + 'Narrower but still wide ranges are network.exact-ports\' concern. A stack without node pools (a Shared VPC host\'s '
    + 'firewall) is checked against any instance on each network its rules name. A rule that cannot be read is left out '
    + 'and reported once as cannot-verify, beside what the readable rules open; EGRESS, deny and disabled rules let '
    + 'nothing in, so an unreadable one is not reported here.',
  reference: { document: SETUP_DOCUMENT, section: 'Network access types > Ingress; Software requirements > Third-party dependencies (Load balancer)' },
  remediation: 'Restrict the rule\'s `source_ranges` (GCP) or `source_address_prefix(es)` (Azure) to the peers that need the port (the SBC, the peer units, the health-check '
    + 'ranges), or remove the rule. Only the internet-ingress boundary\'s ports may be open to 0.0.0.0/0.',
  suppressible: true,
  notApplicable: networkNotApplicable,
  evaluate(given, context) {
    const catalog = catalogOf(context);
    // Boundaries known only at deploy time give no documented flows: check against what any unit may open
    // to the internet (as without metadata); a rule that uses the deploy-time value is itself unreadable.
    const stack = given.boundaries && deployTimeValues(given.boundaries).length > 0 ? { ...given, boundaries: undefined } : given;
    const exemptions = internetFacing(stack, catalog);
    // The exempted ports must be cell boundaries, or a rule opening tcp 1-65535 would hide (or drag in) 443.
    const documented = stack.boundaries ? documentedFlows(catalog, stack.boundaries, stack.serviceGroups) : exemptions.map((e): DocumentedFlow => ({
      boundary: 'internet-ingress', direction: 'INGRESS', protocol: e.protocol as FlowProtocol, ...(e.ports ? { ports: e.ports } : {}), peers: ['0.0.0.0/0'], targetPools: [], references: [],
    }));
    const analysis = analyzeStack(stack, documented);
    // Definite exposures first; an unreadable rule that could let traffic in adds one cannot-verify finding.
    const unreadable = cannotVerifyFlows(analysis.unverifiable.filter((u) => !u.cannotOpenIngress), 'what the internet can reach');
    const allowed = exemptions.map((e) => describeTraffic(e.protocol === 'tcp' ? 6 : 17, e.ports)).filter((t, i, all) => all.indexOf(t) === i).join(', ') || 'nothing';
    const exposures = worldOpenFlows(analysis, exemptions).map((flow) => {
      const opener = flow.rules.find((r) => !r.implied) ?? flow.rules[0];
      return {
        address: opener.address,
        path: rulePath(opener, flow.atom),
        message: `${describeTraffic(flow.atom, flow.ports)} on ${poolList(flow.pools)} is reachable from the whole internet (${FAMILY_ANY[flow.family]}), `
          + `opened by ${flow.rules.map(ruleText).join(', ')}: only the documented internet-facing ingress (${allowed}${stack.boundaries ? ' to the ingress node pools' : ''}) may be; `
          + (opener.remedy ?? `restrict the rule's ${opener.peerField ?? 'source ranges'} to the peers that need it`),
      };
    });
    return [...exposures, ...unreadable];
  },
};

/**
 * The internet-facing ingress that may be open to the world: the unit's internet-ingress flows (to
 * its ingress pools), or without cxunit metadata the catalog's internet-to-cluster connections.
 */
function internetFacing(stack: StackInput, catalog: Catalog): InternetExemption[] {
  if (stack.boundaries) {
    return documentedFlows(catalog, stack.boundaries, stack.serviceGroups)
      .filter((f) => f.boundary === 'internet-ingress')
      .map((f) => ({ protocol: f.protocol, ...(f.ports ? { ports: f.ports } : {}), targetPools: f.targetPools }));
  }
  return catalog.connections
    .filter((c) => c.sourcePlacement === 'internet' && c.destinationPlacement === 'cluster')
    .flatMap((c) => c.transports.flatMap((protocol) => c.ports.map((spec) => ({ protocol, ports: portRange(spec) }))));
}
