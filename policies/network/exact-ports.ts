import { addressRange } from '../../lib/network/address-set';
import { analyzeStack } from '../../lib/flow-evaluators';
import { Direction, documentedFlows } from '../../lib/network/documented-flows';
import { ALL_PORTS, FlowAnalysis, ProtocolAtom } from '../../lib/network/flow-analysis';
import { compareWithDocumented, MissingFlow, UnexpectedFlow, UntargetedPoolKind } from '../../lib/network/flow-comparison';
import { formatReference } from '../../lib/policy/engine';
import { Rule, StackInput, Violation } from '../../lib/policy/model';
import { checkWithoutMetadata } from './without-metadata';
import {
  BOUNDARIES_PATH, boundaryPath, cannotVerifyFlows, catalogReferences, deployTimeFindings, documentedText, flowText, poolList, rulePath, ruleText,
} from './flow-text';
import { catalogOf } from '../shared/catalog';
import { SETUP_DOCUMENT } from '../shared/document';
import { networkNotApplicable } from '../shared/applicability';

export const exactPorts: Rule = {
  id: 'network.exact-ports',
  pack: 'network',
  title: 'Firewall rules open exactly the documented flows',
  severity: 'error',
  rationale: 'The connection tables of 000, 001, 002 and 004 and 003 "Communication ports and protocols" and "Voice '
    + 'connectivity" document every port a unit needs across its network boundary; the unit declares which boundaries it '
    + 'opens (internet ingress, health checks, SBC, cross-region peers, external data stores). The flows that the GCP '
    + 'firewall actually opens to each node pool (rules in priority order, deny before allow at equal priority, tags, '
    + 'service accounts, disabled rules, the implied deny-ingress and allow-egress rules) must equal those documented '
    + 'flows: a flow nobody documented is attack surface, and a documented flow that is closed (or shadowed by a deny) '
    + 'breaks a service. INGRESS is always compared. EGRESS is compared only when the unit declares `egressLockdown`: '
    + '003 "Network access types" says that implementing egress control is optional, so without lockdown GCP\'s implied '
    + 'allow-all egress is the intended design, not a finding. Without unit metadata (a stack no cxunit construct made, a '
    + 'plan without its cdk.tf.json) the rule checks what it can: INGRESS on ports no unit documents, and anything but the '
    + 'internet-facing HTTPS open to the whole internet, are violations; the other opened flows are one cannot-verify finding. '
    + 'A unit built from ranges known only at deploy time (Terraform variables, `${var.subnet_cidr}` in its metadata) has no '
    + 'computable documented flows: each such value is one cannot-verify finding, until the value is literal.',
  reference: { document: SETUP_DOCUMENT, section: 'Communication ports and protocols; Voice connectivity; connection tables of 000, 001, 002, 004' },
  remediation: 'For an unexpected flow, remove the rule that opens it or narrow its ports, ranges and targets to the '
    + 'documented flow. For a missing flow, add an allow rule for it (the GkeUnit construct derives them from the catalog), '
    + 'or move the deny that shadows it below the allow. `cxunit flows PATH` prints what each node pool is open to.',
  suppressible: true,
  notApplicable: networkNotApplicable,
  evaluate(stack, context) {
    const catalog = catalogOf(context);
    if (!stack.boundaries) return checkWithoutMetadata(stack, catalog);
    const deployTime = deployTimeFindings(stack, 'that the firewall opens exactly the documented flows');
    if (deployTime.length > 0) return deployTime;
    const documented = documentedFlows(catalog, stack.boundaries, stack.serviceGroups);
    const analysis = analyzeStack(stack, documented);
    const directions: Direction[] = stack.boundaries.egressLockdown ? ['INGRESS', 'EGRESS'] : ['INGRESS'];
    const comparison = compareWithDocumented(analysis, documented, directions);
    const unexpected = comparison.unexpected.map((flow) => unexpectedViolation(flow, stack));
    // An unreadable rule may open or close anything: the readable rules' unexpected flows stand, missing ones are not claimed.
    if (analysis.unverifiable.length > 0) return [...unexpected, ...cannotVerifyFlows(analysis.unverifiable, 'that the firewall opens exactly the documented flows')];
    return [
      ...unexpected,
      ...comparison.missing.map((flow) => missingViolation(flow, analysis)),
      ...comparison.untargetedPools.map((untargeted) => untargetedViolation(untargeted, analysis)),
    ];
  },
};

function unexpectedViolation(flow: UnexpectedFlow, stack: StackInput): Violation {
  const text = flowText(flow.direction, flow.atom, flow.ports, flow.peerText, poolList(flow.pools));
  const fix = flow.rule.implied
    ? 'the unit declares egress lockdown but nothing denies this egress: add a deny-all egress rule below the allow rules (one for 0.0.0.0/0 and, on an IPv6 network, one for ::/0)'
    : 'no documented flow of the unit\'s boundaries needs it: remove the rule or narrow its ports, ranges and targets to the documented flows';
  return {
    address: flow.rule.implied ? 'stack' : flow.rule.address,
    path: flow.rule.implied ? `${BOUNDARIES_PATH}.egressLockdown` : rulePath(flow.rule, flow.atom),
    message: `unexpected flow: ${text}, opened by ${ruleText(flow.rule)}; ${fix}`,
    reference: `no catalog connection documents this flow for unit ${stack.boundaries?.unit ?? stack.stack} (checked against ${formatReference(exactPorts.reference)})`,
  };
}

function missingViolation(flow: MissingFlow, analysis: FlowAnalysis): Violation {
  const documented = flow.documented;
  const text = flowText(documented.direction, flow.atom, flow.ports, flow.peerText, poolList(flow.pools));
  const part = flow.partial ? ` (part of the documented ${documentedText(documented, analysis.poolKindNames)})` : '';
  const disabled = disabledOpeners(analysis, flow);
  const because = flow.rule.implied
    ? `no rule allows it (${ruleText(flow.rule)} applies)${disabled.length > 0 ? `; ${disabled.join(', ')} would allow it but ${disabled.length === 1 ? 'is' : 'are'} disabled` : ''}: add an allow rule for it${disabled.length > 0 ? ' or enable the disabled one' : ''}`
    : `it is denied by ${ruleText(flow.rule)}, which comes first: allow it at a higher priority (lower number) than ${flow.rule.priority} or narrow the deny`;
  return {
    address: flow.rule.implied ? 'stack' : flow.rule.address,
    path: flow.rule.implied ? boundaryPath(documented.boundary) : rulePath(flow.rule, flow.atom),
    message: `missing flow (${documented.boundary}): ${text}${part}; ${because}`,
    reference: catalogReferences(documented.references),
  };
}

/** Disabled allow rules that would have opened part of a missing flow, to say why it is closed. */
function disabledOpeners(analysis: FlowAnalysis, flow: MissingFlow): string[] {
  const peers = flow.peers.map(addressRange);
  const covers = (atom: ProtocolAtom | 'all', protocol: number | 'all') => protocol === 'all' || atom === 'all' || protocol === atom;
  return analysis.disabledRules
    .filter((rule) => rule.action === 'allow' && rule.direction === flow.documented.direction)
    .filter((rule) => flow.pools.some((pool) => rule.targets.has(pool.id)))
    .filter((rule) => rule.peers.some((peer) => peers.some((p) => p.family === peer.family && p.first <= peer.last && peer.first <= p.last)))
    .filter((rule) => rule.protocols.some((m) => covers(flow.atom, m.protocol) && (!m.ports || !flow.ports || m.ports.some((r) => r.from <= (flow.ports ?? ALL_PORTS).to && (flow.ports ?? ALL_PORTS).from <= r.to))))
    .map((rule) => rule.address);
}

function untargetedViolation(untargeted: UntargetedPoolKind, analysis: FlowAnalysis): Violation {
  const flows = untargeted.flows.map((flow) => documentedText(flow, analysis.poolKindNames));
  const shown = flows.length > 3 ? [...flows.slice(0, 3), `and ${flows.length - 3} more`] : flows;
  const absent = analysis.poolKindNames.absent(untargeted.kind);
  return {
    address: 'stack',
    path: `${BOUNDARIES_PATH}.${absent.path}`,
    message: `missing flows: ${absent.reason}, which ${untargeted.flows.length} documented flow${untargeted.flows.length === 1 ? '' : 's'} target${untargeted.flows.length === 1 ? 's' : ''} (${shown.join('; ')}): `
      + absent.fix,
    reference: catalogReferences(untargeted.flows.flatMap((f) => f.references).filter((r, i, all) => all.findIndex((o) => o.document === r.document && o.table === r.table && o.row === r.row) === i)),
  };
}
