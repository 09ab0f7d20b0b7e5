import { Construct } from 'constructs';
import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { formatPortRange } from '../architecture/ports';
import { NodePoolKind, Reference } from '../architecture/types';
import { BoundaryName, Direction, DocumentedFlow } from '../network/documented-flows';
import { IPV4_ANY, IPV6_ANY } from '../network/cidr';

/** Priority of the allow rules; the deny-all egress rule sits below them, just above GCP's implied allow (65535). */
export const ALLOW_PRIORITY = 1000;
export const DENY_ALL_EGRESS_PRIORITY = 65534;
export const DENY_ALL_EGRESS_KEY = 'deny-all-egress';

export type NodeTags = Readonly<Partial<Record<NodePoolKind, string>>>;

export interface FirewallRuleSpec {
  /** Key in UnitFirewall.rules and suffix of the rule name: the boundary (`sbc-ingress`), `-2` … when a boundary needs more than one rule. */
  readonly key: string;
  readonly name: string;
  readonly boundary?: BoundaryName;
  readonly direction: Direction;
  readonly action: 'allow' | 'deny';
  readonly priority: number;
  /** One entry per protocol, ports ascending ("5080", "20000-45000"); none for protocol `all`. */
  readonly rules: ReadonlyArray<{ readonly protocol: string; readonly ports?: readonly string[] }>;
  /** Source ranges (INGRESS) or destination ranges (EGRESS). */
  readonly ranges: readonly string[];
  readonly targetTags: readonly string[];
  readonly references: readonly Reference[];
  readonly description: string;
}

/**
 * One rule per boundary that has documented flows: its `allow` blocks are the flows' protocols and
 * ports, its ranges the flows' peers. A GCP rule has one set of ranges and target tags, so a boundary
 * whose flows differ in peers or targets (cross-region egress to peer units and to peer SBCs) gets one
 * rule per distinct pair, suffixed `-2`, `-3` in flow order, rather than one rule that opens the union.
 */
export function firewallRuleSpecs(unitName: string, flows: readonly DocumentedFlow[], egressLockdown: boolean, nodeTags: NodeTags): FirewallRuleSpec[] {
  const specs: FirewallRuleSpec[] = [];
  const tagsOf = (kinds: readonly NodePoolKind[]) => kinds.map((kind) => nodeTags[kind]).filter((tag): tag is string => tag !== undefined).sort();
  const byBoundary = new Map<BoundaryName, DocumentedFlow[]>();
  for (const flow of flows) byBoundary.set(flow.boundary, [...(byBoundary.get(flow.boundary) ?? []), flow]);
  for (const [boundary, boundaryFlows] of byBoundary) {
    const groups = new Map<string, DocumentedFlow[]>();
    for (const flow of boundaryFlows) {
      const key = `${flow.direction}|${[...flow.peers].sort().join(',')}|${tagsOf(flow.targetPools).join(',')}`;
      groups.set(key, [...(groups.get(key) ?? []), flow]);
    }
    [...groups.values()].forEach((group, index) => {
      const key = index === 0 ? boundary : `${boundary}-${index + 1}`;
      const references = uniqueReferences(group.flatMap((f) => f.references));
      specs.push({
        key,
        name: `${unitName}-${key}`,
        boundary,
        direction: group[0].direction,
        action: 'allow',
        priority: ALLOW_PRIORITY,
        rules: protocolRules(group),
        ranges: [...group[0].peers].sort(),
        targetTags: tagsOf(group[0].targetPools),
        references,
        description: describe(unitName, boundary, references),
      });
    });
  }
  if (egressLockdown) {
    // One rule per address family: a GCP firewall rule cannot mix IPv4 and IPv6 ranges, and an existing
    // (Shared VPC) network may carry IPv6, whose implied allow-all egress the lockdown must close too.
    for (const [key, range] of [[DENY_ALL_EGRESS_KEY, IPV4_ANY], [`${DENY_ALL_EGRESS_KEY}-ipv6`, IPV6_ANY]] as const) {
      specs.push({
        key,
        name: `${unitName}-${key}`,
        direction: 'EGRESS',
        action: 'deny',
        priority: DENY_ALL_EGRESS_PRIORITY,
        rules: [{ protocol: 'all' }],
        ranges: [range],
        targetTags: Object.values(nodeTags).filter((tag): tag is string => tag !== undefined).sort(),
        references: [],
        description: `cxunit unit ${unitName}: egress lockdown; deny all egress that no documented flow (priority ${ALLOW_PRIORITY} rules) allows`,
      });
    }
  }
  return specs;
}

function protocolRules(flows: readonly DocumentedFlow[]): FirewallRuleSpec['rules'] {
  const byProtocol = new Map<string, Array<{ from: number; to: number }>>();
  for (const flow of flows) {
    const ranges = byProtocol.get(flow.protocol) ?? [];
    if (flow.ports && !ranges.some((r) => r.from === flow.ports!.from && r.to === flow.ports!.to)) ranges.push(flow.ports);
    byProtocol.set(flow.protocol, ranges);
  }
  return [...byProtocol.keys()].sort().map((protocol) => {
    const ranges = byProtocol.get(protocol)!.sort((a, b) => a.from - b.from || a.to - b.to);
    return protocol === 'all' ? { protocol } : { protocol, ports: ranges.map(formatPortRange) };
  });
}

function uniqueReferences(references: readonly Reference[]): Reference[] {
  return references.filter((r, i) => references.findIndex((o) => o.document === r.document && o.table === r.table && o.row === r.row) === i);
}

/** `cxunit unit usw1, sbc-ingress: 003_….txt "Voice connectivity: Connections" rows 1, 12; …`, grouped by document and table. */
function describe(unitName: string, boundary: BoundaryName, references: readonly Reference[]): string {
  const tables = new Map<string, string[]>();
  for (const r of references) {
    const key = `${r.document} "${r.table}"`;
    tables.set(key, [...(tables.get(key) ?? []), r.row]);
  }
  const byRow = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
  const served = [...tables].sort(([a], [b]) => a.localeCompare(b))
    .map(([table, rows]) => `${table} ${rows.length === 1 ? 'row' : 'rows'} ${rows.sort(byRow).join(', ')}`).join('; ');
  return `cxunit unit ${unitName}, ${boundary}: ${served}`;
}

export interface UnitFirewallProps {
  readonly unitName: string;
  /** Project of the network (the Shared VPC host project for an existing network). */
  readonly project: string;
  /** The network's id or self link. */
  readonly network: string;
  /** The unit's documented flows (documentedFlows(catalog, boundaries)). */
  readonly flows: readonly DocumentedFlow[];
  readonly egressLockdown: boolean;
  /** Every node pool's network tag, by kind: flows target kinds, the rules target their tags, and the deny-all egress rule all of them. */
  readonly nodeTags: NodeTags;
}

/**
 * The unit's firewall, derived from the catalog's documented flows: never hand-listed. Every rule is
 * logged with full metadata and targets node pools by network tag.
 */
export class UnitFirewall extends Construct {
  /** The rules by key: boundary name (`internet-ingress`, `sbc-ingress` …) and `deny-all-egress`. */
  readonly rules: Readonly<Record<string, ComputeFirewall>>;
  readonly specs: readonly FirewallRuleSpec[];

  constructor(scope: Construct, id: string, props: UnitFirewallProps) {
    super(scope, id);
    this.specs = firewallRuleSpecs(props.unitName, props.flows, props.egressLockdown, props.nodeTags);
    const rules: Record<string, ComputeFirewall> = {};
    for (const spec of this.specs) {
      const blocks = spec.rules.map((r) => ({ protocol: r.protocol, ...(r.ports ? { ports: [...r.ports] } : {}) }));
      rules[spec.key] = new ComputeFirewall(this, spec.key, {
        project: props.project,
        network: props.network,
        name: spec.name,
        description: spec.description,
        direction: spec.direction,
        priority: spec.priority,
        ...(spec.action === 'allow' ? { allow: blocks } : { deny: blocks }),
        ...(spec.direction === 'INGRESS' ? { sourceRanges: [...spec.ranges] } : { destinationRanges: [...spec.ranges] }),
        targetTags: [...spec.targetTags],
        logConfig: { metadata: 'INCLUDE_ALL_METADATA' },
      });
    }
    this.rules = rules;
  }
}
