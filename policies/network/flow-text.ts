import { documentTitle } from '../../lib/architecture/documents';
import { PortRange } from '../../lib/architecture/ports';
import { Reference } from '../../lib/architecture/types';
import { CXUNIT_METADATA_KEY } from '../../lib/network/boundaries';
import { BoundaryName, Direction, DocumentedFlow } from '../../lib/network/documented-flows';
import { AccessRule, AnalyzedPool, describeRule, describeTraffic, PoolKindNames, ProtocolAtom, Unverifiable } from '../../lib/network/flow-analysis';
import { deployTimeValues } from '../../lib/policy/deploy-time';
import { StackInput, Violation } from '../../lib/policy/model';
import { formatPath } from '../../lib/validation/diagnostic';

/** Wording shared by the network rules, so that a flow reads the same in every finding. */

export function catalogReferences(references: readonly Reference[]): string {
  return references.map((r) => `${documentTitle(r.document)}, ${r.table} row ${r.row}`).join('; ');
}

export function poolList(pools: readonly AnalyzedPool[]): string {
  return pools.map((p) => p.label).join(', ');
}

/** `INGRESS tcp 22 from 0.0.0.0/0 to google_container_node_pool.general`. */
export function flowText(direction: Direction, atom: ProtocolAtom | 'all', ports: PortRange | undefined, peers: string, pools: string): string {
  const traffic = describeTraffic(atom, ports);
  return direction === 'INGRESS' ? `INGRESS ${traffic} from ${peers} to ${pools}` : `EGRESS ${traffic} from ${pools} to ${peers}`;
}

export function documentedText(flow: DocumentedFlow, names: PoolKindNames): string {
  const atom = flow.protocol === 'all' ? 'all' : flow.protocol === 'tcp' ? 6 : 17;
  return flowText(flow.direction, atom, flow.ports, flow.peers.join(', '), names.targets(flow.targetPools));
}

/** The JSON path of the allow / deny block that decides the protocol, else the rule itself. */
export function rulePath(rule: AccessRule, atom: ProtocolAtom | 'all'): string {
  const match = rule.protocols.find((m) => atom === 'all' || m.protocol === 'all' || m.protocol === atom);
  return match?.path || rule.jsonPath;
}

export function ruleText(rule: AccessRule): string {
  return describeRule(rule);
}

export const BOUNDARIES_PATH = formatPath(['//', CXUNIT_METADATA_KEY, 'boundaries']);

/** Where in the unit metadata a boundary is declared. */
export function boundaryPath(boundary: BoundaryName): string {
  const key: Record<BoundaryName, string> = {
    'internet-ingress': 'ingress', 'health-check': 'ingress', 'sbc-ingress': 'sbc', 'sbc-egress': 'sbc',
    'cross-region-ingress': 'crossRegion', 'cross-region-egress': 'crossRegion', 'data-store-egress': 'dataStores',
    'external-egress': 'externalPeers', 'unit-egress': 'egressLockdown', 'storage-egress': 'fileStorage', 'unit-ingress': 'unitInternal',
  };
  return `${BOUNDARIES_PATH}.${key[boundary]}`;
}

/**
 * One cannot-verify finding per resource whose part of the flows cannot be read (not one per port or per
 * pool), naming every reason. The rules evaluated the readable rules without it, so what those open is
 * reported beside these findings, never hidden by them.
 */
export function cannotVerifyFlows(problems: readonly Unverifiable[], what: string): Violation[] {
  const byAddress = new Map<string, Unverifiable[]>();
  for (const problem of problems) byAddress.set(problem.address, [...(byAddress.get(problem.address) ?? []), problem]);
  return [...byAddress.values()].map((group) => ({
    address: group[0].address,
    path: group[0].path,
    message: `cannot verify ${what}: ${[...new Set(group.map((p) => p.reason))].join('; ')}; what it opens or closes cannot be computed from the Terraform `
      + '(the other rules were evaluated without it): use literal values (or suppress with a reason)',
    cannotVerify: true,
  }));
}

/**
 * One cannot-verify finding per value of the unit metadata known only at deploy time (a Terraform
 * variable in place of a range or a port range), naming the value and where the unit uses it: the
 * documented flows depend on it and cannot be computed until it is literal. `boundary`: only the values
 * of that part of the boundaries (`externalPeers`), for a rule that needs no other.
 */
export function deployTimeFindings(stack: StackInput, what: string, boundary?: string): Violation[] {
  if (!stack.boundaries) return [];
  const values = deployTimeValues(stack.boundaries).map(({ value, paths }) => ({ value, paths: paths.filter((p) => boundary === undefined || p[3] === boundary) }));
  return values.filter(({ paths }) => paths.length > 0).map(({ value, paths }) => {
    const uses = paths.map((p) => formatPath(p.slice(3)));
    return {
      address: 'stack',
      path: formatPath(paths[0]),
      message: `cannot verify ${what}: the unit's ${uses.join(', ')} ${uses.length === 1 ? 'is' : 'are'} ${value}, known only at deploy time, `
        + 'so the flows that depend on it cannot be computed until the range is literal: give the unit a literal value '
        + '(for example from a tfvars file read when the stack is synthesized), or suppress this finding with a reason',
      cannotVerify: true,
    };
  });
}
