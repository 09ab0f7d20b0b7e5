import { Catalog } from '../../lib/architecture/catalog';
import { PortRange } from '../../lib/architecture/ports';
import { LOAD_BALANCER_PROBE_RANGES, analyzeStack } from '../../lib/flow-evaluators';
import { addressRange, AddressInterval, FAMILY_ANY, intervalContains } from '../../lib/network/address-set';
import { UnitBoundaries } from '../../lib/network/boundaries';
import { DocumentedFlow, documentedFlows } from '../../lib/network/documented-flows';
import { AccessRule, AtomGrid, describeTraffic, gridsOf, groupAllowed, PORTED_PROTOCOLS, PROTOCOL_NUMBERS, ProtocolAtom } from '../../lib/network/flow-analysis';
import { worldOpenFlows } from '../../lib/network/flow-comparison';
import { StackInput, Violation } from '../../lib/policy/model';
import { BOUNDARIES_PATH, cannotVerifyFlows, flowText, poolList, ruleText } from './flow-text';

/**
 * network.exact-ports on a stack without unit metadata (a hand-written network stack, a plan without its
 * cdk.tf.json): which boundaries the unit opens is unknown, but the union of what any unit could document
 * is known. INGRESS traffic outside that union (tcp 22, 3389, icmp, every port…) and anything but the
 * internet-facing HTTPS open to the whole internet are violations; whatever else is open is reported as
 * one cannot-verify finding.
 */

/** A unit that opens every boundary to everyone: its documented INGRESS flows are every port any unit could document. */
function everyBoundary(catalog: Catalog): UnitBoundaries {
  const rtp = catalog.servicePorts.find((p) => p.protocol === 'RTP/RTCP')?.ports.find((spec) => spec.includes('-')) ?? '20000-45000';
  return {
    unit: '*',
    nodeTags: { general: 'general', realtime: 'realtime', thirdParty: 'third-party' },
    unitRanges: [],
    ingress: { sourceRanges: ['0.0.0.0/0'], healthCheckRanges: [...LOAD_BALANCER_PROBE_RANGES], healthCheckPort: 0, targetPools: ['general', 'realtime', 'thirdParty'] },
    sbc: { sourceRanges: ['0.0.0.0/0'], rtpPortRange: rtp },
    dataStores: { placement: 'in-cluster' },
    crossRegion: { peerRanges: ['0.0.0.0/0'], peerSbcRanges: ['0.0.0.0/0'] },
    egressLockdown: false,
  };
}

interface Documentable {
  readonly protocol: number;
  readonly ports: PortRange;
}

const cache = new WeakMap<Catalog, { flows: DocumentedFlow[]; documentable: Documentable[]; probes: AddressInterval[]; internet: Documentable[] }>();

function unionOf(catalog: Catalog) {
  let union = cache.get(catalog);
  if (!union) {
    const flows = documentedFlows(catalog, everyBoundary(catalog)).filter((f) => f.direction === 'INGRESS' && f.boundary !== 'health-check');
    const toDocumentable = (f: DocumentedFlow): Documentable[] => (f.protocol === 'all' ? [] : [{ protocol: PROTOCOL_NUMBERS[f.protocol], ports: f.ports ?? { from: 0, to: 65535 } }]);
    union = {
      flows,
      documentable: flows.flatMap(toDocumentable),
      internet: flows.filter((f) => f.boundary === 'internet-ingress').flatMap(toDocumentable),
      // The load balancer's probes reach the health-check port, which each unit chooses.
      probes: LOAD_BALANCER_PROBE_RANGES.map(addressRange),
    };
    cache.set(catalog, union);
  }
  return union;
}

function within(list: readonly Documentable[], atom: ProtocolAtom | 'all', ports: PortRange | undefined): boolean {
  return list.some((d) => d.protocol === atom && ports !== undefined && d.ports.from <= ports.from && ports.to <= d.ports.to);
}

export function checkWithoutMetadata(stack: StackInput, catalog: Catalog): Violation[] {
  const union = unionOf(catalog);
  const analysis = analyzeStack(stack, union.flows);
  const documentable = (atom: AtomGrid, address: number, port: number): boolean => {
    if (atom.atom === 'other' || !PORTED_PROTOCOLS.has(atom.atom)) return false;
    const cell = atom.addresses[address];
    if (atom.atom === PROTOCOL_NUMBERS.tcp && union.probes.some((probe) => intervalContains(probe, cell))) return true;
    return within(union.documentable, atom.atom, atom.ports[port]);
  };

  // One violation per rule that opens undocumentable traffic, listing its flows (not one per port or pool; an
  // Azure NSG rule reaches each subnet the NSG is on as its own access rule, with the rule's address).
  const byRule = new Map<string, { rule: AccessRule; flows: string[] }>();
  const add = (rule: AccessRule, text: string) => {
    const entry = byRule.get(rule.address);
    if (entry) entry.flows.push(text);
    else byRule.set(rule.address, { rule, flows: [text] });
  };
  let others = 0;
  let example: string | undefined;
  for (const grid of gridsOf(analysis, 'INGRESS')) {
    for (const group of groupAllowed(grid, (atom, address, port) => !documentable(atom, address, port))) {
      const text = flowText('INGRESS', group.atom, group.ports, group.peerText, grid.pool.label);
      // A cloud's own allow rule (Azure's AllowVnetInBound) cannot be removed; without the unit's boundaries
      // it is not known whether its peers are the unit's own, so it joins the cannot-verify finding.
      if (group.rule.implied) {
        others++;
        example ??= text;
      } else {
        add(group.rule, text);
      }
    }
    for (const group of groupAllowed(grid, (atom, address, port) => documentable(atom, address, port))) {
      others++;
      example ??= flowText('INGRESS', group.atom, group.ports, group.peerText, grid.pool.label);
    }
  }
  // Documentable ports open to the whole internet: only the internet-facing HTTPS may be.
  for (const flow of worldOpenFlows(analysis, union.internet.map((d) => ({ protocol: d.protocol === 6 ? 'tcp' : 'udp', ports: d.ports })))) {
    if (!within(union.documentable, flow.atom, flow.ports)) continue;
    const opener = flow.rules.find((r) => !r.implied) ?? flow.rules[0];
    add(opener, `INGRESS ${describeTraffic(flow.atom, flow.ports)} from the whole internet (${FAMILY_ANY[flow.family]}) to ${poolList(flow.pools)}`);
  }
  const internet = union.internet.map((d) => describeTraffic(d.protocol, d.ports)).filter((t, i, all) => all.indexOf(t) === i).join(', ');
  const violations: Violation[] = [...byRule.values()].map(({ rule, flows }) => {
    const shown = flows.length > 3 ? [...flows.slice(0, 3), `and ${flows.length - 3} more`] : flows;
    return {
      address: rule.address,
      path: rule.jsonPath,
      message: `undocumented flows opened by ${ruleText(rule)}: ${shown.join('; ')}; no Genesys connection documents them for any unit `
        + `(from the whole internet only the ingress controller's ${internet} is): remove the rule or narrow its ports and ${rule.peerField ?? 'source ranges'} to documented flows`,
    };
  });

  violations.push(...cannotVerifyFlows(analysis.unverifiable.filter((u) => !u.cannotOpenIngress), 'that the firewall opens only documented flows'));
  if (others > 0) {
    violations.push({
      address: 'stack',
      path: BOUNDARIES_PATH,
      cannotVerify: true,
      message: `cannot verify that the other ${others} opened flow${others === 1 ? '' : 's'} (e.g. ${example}) are this unit's documented flows: the stack has no `
        + 'cxunit unit metadata ("//".cxunit.boundaries, which GkeUnit and AksUnit write; a plan reads it from the cdk.tf.json beside it), so which boundaries the unit '
        + 'opens is unknown; their ports are documented for some unit: build the unit with GkeUnit or AksUnit, keep the cdk.tf.json beside the plan, or suppress this finding with a reason',
    });
  }
  return violations;
}
