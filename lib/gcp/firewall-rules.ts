import { parsePortSpec, PortRange } from '../architecture/ports';
import { AddressInterval, FAMILY_MAX, parseAddressRange } from '../network/address-set';
import { byCodeUnit } from '../network/collections';
import type { Direction } from '../network/documented-flows';
import { AccessRule, PORTED_PROTOCOLS, PROTOCOL_NUMBERS, ProtocolMatch, SenderClass, Unverifiable } from '../network/flow-analysis';
import type { StackInput, TerraformResource } from '../policy/model';
import { UNKNOWN } from '../policy/model';
import { asList, resourcesOfType } from '../policy/values';

/**
 * GCP firewall semantics, part 1: the `google_compute_firewall` rules and the node pools they target,
 * read from Terraform JSON into a model the evaluator (firewall-evaluator.ts) cuts into cells. Nothing
 * here guesses: a value the model needs but cannot read is recorded as unverifiable.
 */

/** Who an identity is, as far as the Terraform says (networks and service accounts). */
export interface Identity {
  /**
   * name: a literal network name; email: a literal service account e-mail; resource: a resource of the
   * stack whose name is computed; default: the Compute Engine default service account / default
   * network; expression: anything else (a variable, a module output, an unknown plan value).
   */
  readonly kind: 'name' | 'email' | 'resource' | 'default' | 'expression';
  readonly value: string;
  /** For a service-account resource: its literal account_id (the e-mail's local part). */
  readonly accountId?: string;
}

/** A GCP firewall rule: an AccessRule that also matches senders by network tag and service account. */
export interface FirewallRule extends AccessRule {
  readonly sourceTags: readonly string[];
  readonly sourceServiceAccounts: readonly Identity[];
}

export interface NodePool {
  /** Resource address; `<cluster address>/default-pool` or `<cluster address>/node_pool[i]` for the cluster's own pools. */
  readonly id: string;
  /** How messages name the pool. */
  readonly label: string;
  readonly address: string;
  readonly jsonPath: string;
  readonly network: Identity;
  readonly tags: readonly string[];
  readonly serviceAccount: Identity;
  /**
   * Set when the stack has no node pool: the pool stands for instances on the network that the Terraform
   * does not show (a Shared VPC host project's firewall protects every VM of its service projects). `all`
   * is any instance; `tag` / `serviceAccount` the instances a rule targets that way.
   */
  readonly instances?: { readonly tag?: string; readonly serviceAccount?: Identity };
}

export interface FirewallModel {
  /** Firewall rules of the stack in evaluation order (priority, then deny before allow), without the disabled ones. */
  readonly rules: readonly FirewallRule[];
  /** Rules with `disabled = true`: they decide nothing, but say why a flow someone meant to open is closed. */
  readonly disabledRules: readonly FirewallRule[];
  readonly pools: readonly NodePool[];
  readonly senderClasses: readonly SenderClass[];
  /**
   * Whether the network may carry IPv6: false only when the stack creates its subnets and none is
   * dual-stack (and the network has no internal IPv6 range).
   */
  readonly ipv6: boolean;
  /** When not empty, the flows cannot be computed from the Terraform alone. */
  readonly unverifiable: readonly Unverifiable[];
}

const WHOLE_IPV4: AddressInterval = { family: 4, first: 0n, last: FAMILY_MAX[4] };
const WHOLE_IPV6: AddressInterval = { family: 6, first: 0n, last: FAMILY_MAX[6] };

export const IMPLIED_DENY_INGRESS = 'implied-deny-ingress';
export const IMPLIED_ALLOW_EGRESS = 'implied-allow-egress';

export const IMPLIED_NO_IPV6 = 'implied-no-ipv6';
const IMPLIED_LABELS: Readonly<Record<string, string>> = {
  [IMPLIED_DENY_INGRESS]: 'the implied deny-ingress rule',
  [IMPLIED_ALLOW_EGRESS]: 'the implied allow-egress rule',
  [IMPLIED_NO_IPV6]: 'the network having no IPv6',
};

/**
 * GCP's implied rules: deny all ingress, allow all egress, at the lowest priority (65535). A rule of the
 * network at 65535 comes first, except that deny beats allow at equal priority, so an allow at 65535
 * cannot open ingress and a deny at 65535 does close egress. The IPv6 pair exists only when the network
 * has IPv6; where the stack shows it has none, IPv6 egress goes nowhere (after every rule).
 */
export function impliedRules(direction: Direction, ipv6: boolean): readonly FirewallRule[] {
  return IMPLIED_RULES[`${direction}|${ipv6}`];
}

function impliedRule(address: string, direction: Direction, action: 'allow' | 'deny', peers: AddressInterval[], priority = 65535): FirewallRule {
  return {
    address, jsonPath: '', implied: true, label: IMPLIED_LABELS[address], direction, priority, action, protocols: [{ protocol: 'all', path: '' }],
    peers, peersCoverAllIpv4: peers.includes(WHOLE_IPV4), sourceTags: [], sourceServiceAccounts: [], targets: new Set(), senders: new Set(),
  };
}

/**
 * The implied rules, made once: the same objects for every pool and stack, so that pools whose own rules are the
 * same share their address cells (flow-analysis.ts caches them by the rules' identities).
 */
const IMPLIED_RULES: Readonly<Record<string, readonly FirewallRule[]>> = {
  'INGRESS|true': [impliedRule(IMPLIED_DENY_INGRESS, 'INGRESS', 'deny', [WHOLE_IPV4, WHOLE_IPV6])],
  'INGRESS|false': [impliedRule(IMPLIED_DENY_INGRESS, 'INGRESS', 'deny', [WHOLE_IPV4, WHOLE_IPV6])],
  'EGRESS|true': [impliedRule(IMPLIED_ALLOW_EGRESS, 'EGRESS', 'allow', [WHOLE_IPV4, WHOLE_IPV6])],
  'EGRESS|false': [impliedRule(IMPLIED_ALLOW_EGRESS, 'EGRESS', 'allow', [WHOLE_IPV4]), impliedRule(IMPLIED_NO_IPV6, 'EGRESS', 'deny', [WHOLE_IPV6], 65536)],
};

interface ParsedRule extends Omit<FirewallRule, 'targets' | 'senders'> {
  readonly network: Identity;
  readonly disabled: boolean;
  readonly targetTags: readonly string[];
  readonly targetServiceAccounts: readonly Identity[];
}

export function readFirewallModel(stack: StackInput): FirewallModel {
  const reader = new ModelReader(stack);
  const parsed = stack.resources.filter((r) => r.type === 'google_compute_firewall' && reader.exists(r)).map((r) => reader.firewallRule(r)).filter((r): r is ParsedRule => r !== undefined);
  const nodePools = reader.nodePools();
  // A rule on a network none of the stack's pools is on (a management VPC beside the unit's) protects instances the Terraform does not show.
  const offPoolNetworks = parsed.filter((rule) => nodePools.every((pool) => sameIdentity(rule.network, pool.network) === false));
  const pools = [...nodePools, ...networkInstances(offPoolNetworks)];
  for (const type of ['google_compute_network_firewall_policy_rule', 'google_compute_region_network_firewall_policy_rule', 'google_compute_firewall_policy_rule']) {
    for (const resource of stack.resources.filter((r) => r.type === type)) {
      reader.unverifiable(resource, resource.jsonPath, `${type} is a firewall policy rule, which cxunit does not evaluate: express the unit's flows as google_compute_firewall rules`);
    }
  }

  const senderClasses = reader.senderClasses(parsed, pools);
  const rules: FirewallRule[] = [];
  const disabledRules: FirewallRule[] = [];
  for (const rule of parsed) {
    const targets = new Set<string>();
    for (const pool of pools) {
      const sameNetwork = reader.same(rule.network, pool.network, rule, 'network', `cannot tell whether ${rule.address} and ${pool.label} are in the same network`);
      if (sameNetwork && reader.targets(rule, pool)) targets.add(pool.id);
    }
    const senders = new Set<string>();
    if (rule.direction === 'INGRESS') {
      for (const sender of senderClasses) if (reader.matchesSender(rule, sender)) senders.add(sender.id);
    }
    (rule.disabled ? disabledRules : rules).push(accessRule(rule, targets, senders));
  }
  rules.sort((a, b) => evaluationOrder(a, b) || byCodeUnit(a.address, b.address));
  return {
    rules, disabledRules, pools,
    senderClasses: senderClasses.map(({ id, label }) => ({ id, label })), ipv6: ipv6Possible(stack), unverifiable: reader.problems,
  };
}

/** A parsed rule as the evaluation sees it, with the pools it targets and the senders it matches. */
function accessRule(rule: ParsedRule, targets: ReadonlySet<string>, senders: ReadonlySet<string>): FirewallRule {
  // Written out rather than copied and pruned: every rule is built here, and the analysis reads them in its inner loops.
  return {
    address: rule.address, jsonPath: rule.jsonPath, implied: false, direction: rule.direction, priority: rule.priority, action: rule.action,
    protocols: rule.protocols, peers: rule.peers, peersCoverAllIpv4: rule.peersCoverAllIpv4, peerField: rule.peerField,
    sourceTags: rule.sourceTags, sourceServiceAccounts: rule.sourceServiceAccounts, targets, senders,
  };
}

/**
 * Without node pools in the stack, what the rules protect are instances the Terraform does not show: per
 * network the rules name, "any instance on it", and the instances each target tag or service account
 * selects (a rule for every instance reaches those too; a rule for one tag reaches only its instances).
 */
function networkInstances(rules: readonly ParsedRule[]): NodePool[] {
  const networks: Identity[] = [];
  for (const rule of rules) if (!networks.some((n) => sameIdentity(n, rule.network) === true)) networks.push(rule.network);
  return networks.flatMap((network) => {
    const onNetwork = rules.filter((r) => sameIdentity(r.network, network) !== false);
    const name = network.kind === 'default' ? 'the default network' : `network ${network.value}`;
    const base = (suffix: string, label: string, instances: NodePool['instances']): NodePool => ({
      id: `${network.kind}:${network.value}/${suffix}`, label, address: 'stack', jsonPath: '', network,
      tags: instances?.tag !== undefined ? [instances.tag] : [], serviceAccount: instances?.serviceAccount ?? { kind: 'default', value: 'default' }, instances,
    });
    const tags = [...new Set(onNetwork.flatMap((r) => r.targetTags))].sort();
    const accounts = onNetwork.flatMap((r) => r.targetServiceAccounts).filter((a, i, all) => all.findIndex((b) => sameIdentity(a, b) === true) === i);
    return [
      base('any', `any instance on ${name}`, {}),
      ...tags.map((tag) => base(`tag:${tag}`, `instances tagged ${tag} on ${name}`, { tag })),
      ...accounts.map((account) => base(`sa:${account.value}`, `instances running as ${displayIdentity(account)} on ${name}`, { serviceAccount: account })),
    ];
  });
}

/** GCP's order: lower priority number first; at equal priority, deny before allow. */
export function evaluationOrder(a: FirewallRule, b: FirewallRule): number {
  return a.priority - b.priority || (a.action === b.action ? 0 : a.action === 'deny' ? -1 : 1);
}

function ipv6Possible(stack: StackInput): boolean {
  const networks = stack.resources.filter((r) => r.type === 'google_compute_network');
  const subnets = stack.resources.filter((r) => r.type === 'google_compute_subnetwork');
  if (networks.some((n) => n.values.enable_ula_internal_ipv6 === true || n.values.enable_ula_internal_ipv6 === UNKNOWN || isReference(n.values.enable_ula_internal_ipv6))) return true;
  const dualStack = (subnet: TerraformResource) => {
    const stackType = subnet.values.stack_type;
    if (stackType === undefined || stackType === null || stackType === 'IPV4_ONLY') return false;
    return true;
  };
  if (subnets.some(dualStack)) return true;
  // The network is not in the stack: it may have IPv6.
  return subnets.length === 0;
}

interface SenderSpec extends SenderClass {
  readonly tags: readonly string[];
  readonly serviceAccount?: Identity;
  readonly network?: Identity;
}

class ModelReader {
  readonly problems: Unverifiable[] = [];
  private readonly reported = new Set<string>();

  constructor(private readonly stack: StackInput) {}

  /** The resource of a type at an address (networks and service accounts, looked up per rule and pool: a stack has few of each). */
  private resourceAt(type: string, address: string): TerraformResource | undefined {
    return resourcesOfType(this.stack, type).find((r) => r.address === address);
  }

  unverifiable(resource: { address: string }, path: string, reason: string): void {
    const key = `${resource.address}|${path}|${reason}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.problems.push({ address: resource.address, path, reason });
  }

  /**
   * Whether the resource exists: `count = 0` removes it. lib/policy has already expanded literal counts,
   * for_each and dynamic blocks; a count or for_each it could not evaluate is reported there once
   * (cxunit.cannot-read) and the resource is read as written: any number of copies of one rule opens
   * the same flows, and values that differ per copy are unresolved references, reported below.
   */
  exists(resource: TerraformResource): boolean {
    return resource.values.count !== 0;
  }

  firewallRule(resource: TerraformResource): ParsedRule | undefined {
    const before = this.problems.length;
    const at = (key: string) => `${resource.jsonPath}.${key}`;
    const direction = this.scalar(resource, 'direction', 'INGRESS');
    if (direction !== undefined && direction !== 'INGRESS' && direction !== 'EGRESS') {
      this.unverifiable(resource, at('direction'), `direction ${JSON.stringify(direction)} is neither "INGRESS" nor "EGRESS"`);
    }
    const rawPriority = this.scalar(resource, 'priority', 1000);
    const priority = typeof rawPriority === 'string' && /^\d+$/.test(rawPriority) ? Number(rawPriority) : rawPriority;
    if (priority !== undefined && (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 0 || priority > 65535)) {
      this.unverifiable(resource, at('priority'), `priority ${JSON.stringify(priority)} is not an integer from 0 to 65535`);
    }
    // Terraform converts the strings "true" and "false" to a bool, as it does "1000" to a number.
    const rawDisabled = this.scalar(resource, 'disabled', false);
    const disabled = rawDisabled === 'true' ? true : rawDisabled === 'false' ? false : rawDisabled;
    if (disabled !== undefined && typeof disabled !== 'boolean') this.unverifiable(resource, at('disabled'), `disabled ${JSON.stringify(disabled)} is not true or false`);

    const allow = this.blocks(resource, 'allow');
    const deny = this.blocks(resource, 'deny');
    if (allow.length > 0 && deny.length > 0) this.unverifiable(resource, resource.jsonPath, 'has both allow and deny blocks, which GCP rejects: keep one');
    const unreadableBlocks = this.problems.length > before && [allow, deny].every((blocks) => blocks.length === 0);
    if (allow.length === 0 && deny.length === 0 && !unreadableBlocks) this.unverifiable(resource, resource.jsonPath, 'has neither allow nor deny blocks, which GCP rejects: add one');
    const action: 'allow' | 'deny' = deny.length > 0 ? 'deny' : 'allow';
    const protocols = (action === 'allow' ? allow : deny).map((block, index) => this.protocolMatch(resource, block, `${at(action)}[${index}]`)).filter((m): m is ProtocolMatch => m !== undefined);

    const isIngress = direction !== 'EGRESS';
    const sourceRanges = this.addressList(resource, 'source_ranges');
    const destinationRanges = this.addressList(resource, 'destination_ranges');
    const sourceTags = this.stringList(resource, 'source_tags');
    const sourceServiceAccounts = this.stringList(resource, 'source_service_accounts').map((email) => this.serviceAccountIdentity(email));
    const targetTags = this.stringList(resource, 'target_tags');
    const targetServiceAccounts = this.stringList(resource, 'target_service_accounts').map((email) => this.serviceAccountIdentity(email));

    // The secondary filter (destination of an INGRESS rule, source of an EGRESS rule) is the node's own
    // address, which the Terraform does not determine: a rule that narrows it cannot be evaluated.
    const secondary = isIngress ? destinationRanges : sourceRanges;
    const secondaryKey = isIngress ? 'destination_ranges' : 'source_ranges';
    if (secondary.length > 0 && !secondary.some((r) => r.first === 0n && r.last === FAMILY_MAX[r.family])) {
      this.unverifiable(resource, at(secondaryKey), `${secondaryKey} on an ${isIngress ? 'INGRESS' : 'EGRESS'} rule filters by the nodes' own addresses, which the Terraform does not determine`);
    }
    if (!isIngress && (sourceTags.length > 0 || sourceServiceAccounts.length > 0)) {
      this.unverifiable(resource, at(sourceTags.length > 0 ? 'source_tags' : 'source_service_accounts'), 'an EGRESS rule cannot have source tags or service accounts (GCP rejects it)');
    }
    // 003 gives no default; GCP does: an INGRESS rule without sources, or an EGRESS rule without destinations, means 0.0.0.0/0.
    let peers = isIngress ? sourceRanges : destinationRanges;
    if (peers.length === 0 && (!isIngress || (sourceTags.length === 0 && sourceServiceAccounts.length === 0))) peers = [WHOLE_IPV4];

    if (this.problems.length > before) {
      // An EGRESS, deny or disabled rule lets nothing in, whatever its unreadable parts are.
      const denies = resource.values.deny !== undefined && resource.values.deny !== null && (resource.values.allow === undefined || resource.values.allow === null);
      if (direction === 'EGRESS' || denies || disabled === true) {
        for (let i = before; i < this.problems.length; i++) this.problems[i] = { ...this.problems[i], cannotOpenIngress: true };
      }
      return undefined;
    }
    return {
      address: resource.address, jsonPath: resource.jsonPath, implied: false, direction: direction as Direction, priority: priority as number,
      action, protocols, peers, peerField: isIngress ? 'source_ranges' : 'destination_ranges', peersCoverAllIpv4: peers.some((p) => p.family === 4 && p.first === 0n && p.last === FAMILY_MAX[4]),
      sourceTags, sourceServiceAccounts, network: this.networkIdentity(resource), disabled: disabled === true, targetTags, targetServiceAccounts,
    };
  }

  nodePools(): NodePool[] {
    const pools: NodePool[] = [];
    const clusters = this.stack.resources.filter((r) => r.type === 'google_container_cluster');
    for (const cluster of clusters) {
      if (!this.exists(cluster)) continue;
      const network = this.networkIdentity(cluster);
      if (cluster.values.enable_autopilot === true) continue;
      const inline = cluster.values.node_pool;
      const removeDefault = cluster.values.remove_default_node_pool;
      if (removeDefault === UNKNOWN || isReference(removeDefault)) {
        this.unverifiable(cluster, `${cluster.jsonPath}.remove_default_node_pool`, `remove_default_node_pool is ${describeUnknown(removeDefault)}, so whether the default node pool exists is not known`);
        continue;
      }
      const inlinePools = inline === UNKNOWN ? undefined : asList(inline);
      if (inlinePools === undefined && removeDefault !== true) {
        this.unverifiable(cluster, `${cluster.jsonPath}.node_pool`, 'node_pool is unknown until apply, so the cluster\'s own node pools are not known');
        continue;
      }
      if (inlinePools && inlinePools.length > 0) {
        inlinePools.forEach((block, index) => {
          const path = `${cluster.jsonPath}.node_pool[${index}]`;
          const name = (block as Record<string, unknown>)?.name;
          const label = `${cluster.address} node pool ${typeof name === 'string' && !isReference(name) ? JSON.stringify(name) : `[${index}]`}`;
          const config = firstBlock((block as Record<string, unknown>)?.node_config);
          pools.push(this.pool(cluster, `${cluster.address}/node_pool[${index}]`, label, path, network, config, `${path}.node_config`));
        });
      } else if (removeDefault !== true) {
        // GKE creates "default-pool" from the cluster's node_config unless it is removed.
        pools.push(this.pool(cluster, `${cluster.address}/default-pool`, `${cluster.address} default-pool`, cluster.jsonPath, network, firstBlock(cluster.values.node_config), `${cluster.jsonPath}.node_config`));
      }
    }
    for (const resource of this.stack.resources.filter((r) => r.type === 'google_container_node_pool' && this.exists(r))) {
      const cluster = this.clusterOf(resource, clusters);
      const network = cluster ? this.networkIdentity(cluster) : this.sharedNetwork(resource, clusters);
      pools.push(this.pool(resource, resource.address, resource.address, resource.jsonPath, network, firstBlock(resource.values.node_config), `${resource.jsonPath}.node_config`));
    }
    return pools;
  }

  senderClasses(rules: readonly ParsedRule[], pools: readonly NodePool[]): SenderSpec[] {
    const ingress = rules.filter((r) => r.direction === 'INGRESS' && !r.disabled);
    if (!ingress.some((r) => r.sourceTags.length > 0 || r.sourceServiceAccounts.length > 0)) return [];
    const classes: SenderSpec[] = pools.map((pool) => ({ id: pool.id, label: `instances of ${pool.label}`, tags: pool.tags, serviceAccount: pool.serviceAccount, network: pool.network }));
    // Instances outside the stack's node pools that carry one of the tags / service accounts the rules name.
    for (const tag of new Set(ingress.flatMap((r) => r.sourceTags))) {
      classes.push({ id: `tag:${tag}`, label: `instances tagged ${tag}`, tags: [tag] });
    }
    const accounts = new Map<string, Identity>();
    for (const account of ingress.flatMap((r) => r.sourceServiceAccounts)) accounts.set(`${account.kind}:${account.value}`, account);
    for (const [key, account] of accounts) {
      classes.push({ id: `sa:${key}`, label: `instances running as ${displayIdentity(account)}`, tags: [], serviceAccount: account });
    }
    return classes;
  }

  matchesSender(rule: ParsedRule, sender: SenderSpec): boolean {
    if (sender.network && !this.same(rule.network, sender.network, rule, 'network', `cannot tell whether ${rule.address} and ${sender.label} are in the same network`)) return false;
    if (rule.sourceTags.some((tag) => sender.tags.includes(tag))) return true;
    const account = sender.serviceAccount;
    return !!account && rule.sourceServiceAccounts.some((candidate) =>
      this.same(candidate, account, rule, 'source_service_accounts', `cannot tell whether ${displayIdentity(candidate)} is the service account of ${sender.label}`));
  }

  targets(rule: ParsedRule, pool: NodePool): boolean {
    if (pool.instances) {
      if (rule.targetTags.length === 0 && rule.targetServiceAccounts.length === 0) return true;
      const { tag, serviceAccount } = pool.instances;
      return (tag !== undefined && rule.targetTags.includes(tag))
        || (serviceAccount !== undefined && rule.targetServiceAccounts.some((account) => sameIdentity(account, serviceAccount) === true));
    }
    if (rule.targetTags.length > 0) return rule.targetTags.some((tag) => pool.tags.includes(tag));
    if (rule.targetServiceAccounts.length > 0) {
      return rule.targetServiceAccounts.some((account) =>
        this.same(account, pool.serviceAccount, rule, 'target_service_accounts', `cannot tell whether ${displayIdentity(account)} is the service account of ${pool.label}`));
    }
    return true;
  }

  /** Whether two identities are the same; when that cannot be known, records it and answers yes. */
  same(a: Identity, b: Identity, rule: { address: string; jsonPath: string }, key: string, reason: string): boolean {
    const same = sameIdentity(a, b);
    if (same === undefined) {
      this.unverifiable(rule, `${rule.jsonPath}.${key}`, reason);
      return true;
    }
    return same;
  }

  private pool(resource: TerraformResource, id: string, label: string, jsonPath: string, network: Identity, config: Record<string, unknown> | undefined | typeof UNKNOWN, configPath: string): NodePool {
    let tags: string[] = [];
    let serviceAccount: Identity = { kind: 'default', value: 'default' };
    if (config === UNKNOWN) {
      this.unverifiable(resource, configPath, 'node_config is unknown until apply, so the pool\'s network tags are not known');
    } else if (config) {
      const rawTags = config.tags;
      const unknown = findUnknown(rawTags);
      if (unknown) this.unverifiable(resource, `${configPath}.tags`, `network tags are ${unknown}`);
      else tags = asList(rawTags).filter((t): t is string => typeof t === 'string');
      const account = config.service_account;
      if (account !== undefined && account !== null) {
        if (account === UNKNOWN) {
          const referenced = (resource.references?.node_config ?? []).find((r) => /^google_service_account\./.test(moduleless(r)));
          serviceAccount = referenced ? this.serviceAccountResource(resource, referenced) : { kind: 'expression', value: `${resource.address}.node_config.service_account` };
        } else if (typeof account === 'string') {
          serviceAccount = this.serviceAccountIdentity(account, resource);
        }
      }
    }
    return { id, label, address: resource.address, jsonPath, network, tags, serviceAccount };
  }

  private clusterOf(pool: TerraformResource, clusters: readonly TerraformResource[]): TerraformResource | undefined {
    const raw = pool.values.cluster;
    const referenced = typeof raw === 'string' ? /\$\{(google_container_cluster\.[\w-]+)\./.exec(raw)?.[1] : (pool.references?.cluster ?? []).map(moduleless).find((r) => r.startsWith('google_container_cluster.'));
    if (referenced) {
      const prefix = modulePrefix(pool.address);
      const match = clusters.find((c) => c.address === `${prefix}${referenced.split('.').slice(0, 2).join('.')}`);
      if (match) return match;
    }
    if (typeof raw === 'string' && !isReference(raw)) {
      const name = raw.split('/').pop();
      const match = clusters.find((c) => c.values.name === name);
      if (match) return match;
    }
    return clusters.length === 1 ? clusters[0] : undefined;
  }

  private sharedNetwork(pool: TerraformResource, clusters: readonly TerraformResource[]): Identity {
    const networks = clusters.map((c) => this.networkIdentity(c));
    if (networks.length > 0 && networks.every((n) => sameIdentity(n, networks[0]) === true)) return networks[0];
    return { kind: 'expression', value: `network of the cluster of ${pool.address}` };
  }

  networkIdentity(resource: TerraformResource): Identity {
    const raw = resource.values.network;
    if (raw === undefined || raw === null) return { kind: 'default', value: 'default' };
    if (raw === UNKNOWN) {
      const referenced = (resource.references?.network ?? []).find((r) => /^(data\.)?google_compute_network\./.test(moduleless(r)));
      return referenced ? this.networkResource(resource, referenced) : { kind: 'expression', value: `${resource.address}.network` };
    }
    if (typeof raw !== 'string') return { kind: 'expression', value: JSON.stringify(raw) };
    if (isReference(raw)) {
      const match = /^\$\{((?:data\.)?google_compute_network\.[\w-]+)\.(?:id|name|self_link)\}$/.exec(raw);
      return match ? this.networkResource(resource, match[1]) : { kind: 'expression', value: raw };
    }
    return { kind: 'name', value: raw.split('/').pop() ?? raw };
  }

  private networkResource(from: TerraformResource, reference: string): Identity {
    const isData = moduleless(reference).startsWith('data.');
    const address = `${modulePrefix(from.address)}${moduleless(reference).split('.').slice(0, isData ? 3 : 2).join('.')}`;
    if (isData) return { kind: 'expression', value: address };
    const network = this.resourceAt('google_compute_network', address);
    const name = network?.values.name;
    if (typeof name === 'string' && !isReference(name)) return { kind: 'name', value: name };
    return network ? { kind: 'resource', value: address } : { kind: 'expression', value: address };
  }

  serviceAccountIdentity(text: string, from?: TerraformResource): Identity {
    if (!isReference(text)) return { kind: 'email', value: text };
    const match = /^\$\{(google_service_account\.[\w-]+)\.(?:email|id|name)\}$/.exec(text);
    return match && from ? this.serviceAccountResource(from, match[1]) : match ? this.serviceAccountResource(undefined, match[1]) : { kind: 'expression', value: text };
  }

  private serviceAccountResource(from: TerraformResource | undefined, reference: string): Identity {
    const address = `${from ? modulePrefix(from.address) : ''}${moduleless(reference).split('.').slice(0, 2).join('.')}`;
    const account = this.resourceAt('google_service_account', address);
    if (!account) return { kind: 'expression', value: address };
    const accountId = account.values.account_id;
    const project = account.values.project;
    const literal = (v: unknown): v is string => typeof v === 'string' && !isReference(v);
    if (literal(accountId) && literal(project)) return { kind: 'email', value: `${accountId}@${project}.iam.gserviceaccount.com` };
    return { kind: 'resource', value: address, ...(literal(accountId) ? { accountId } : {}) };
  }

  private scalar(resource: TerraformResource, key: string, fallback: unknown): unknown {
    const raw = resource.values[key];
    if (raw === undefined || raw === null) return fallback;
    if (raw === UNKNOWN || isReference(raw)) {
      this.unverifiable(resource, `${resource.jsonPath}.${key}`, `${key} is ${describeUnknown(raw)}`);
      return undefined;
    }
    return raw;
  }

  private blocks(resource: TerraformResource, key: string): Record<string, unknown>[] {
    const raw = resource.values[key];
    const unknown = findUnknown(raw);
    if (unknown) {
      this.unverifiable(resource, `${resource.jsonPath}.${key}`, `${key} is ${unknown}`);
      return [];
    }
    const blocks = asList(raw).filter((b) => b !== null);
    blocks.forEach((block, index) => {
      if (typeof block !== 'object') this.unverifiable(resource, `${resource.jsonPath}.${key}[${index}]`, `${key}[${index}] is ${JSON.stringify(block)}, not a block: write {"protocol": "tcp", "ports": [...]}`);
    });
    return blocks.filter((b): b is Record<string, unknown> => typeof b === 'object');
  }

  private protocolMatch(resource: TerraformResource, block: Record<string, unknown>, path: string): ProtocolMatch | undefined {
    const raw = block.protocol;
    const name = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.toLowerCase() : undefined;
    let protocol: number | 'all' | undefined;
    if (name === 'all') protocol = 'all';
    else if (name !== undefined && name in PROTOCOL_NUMBERS) protocol = PROTOCOL_NUMBERS[name];
    else if (name !== undefined && /^\d{1,3}$/.test(name) && Number(name) <= 255) protocol = Number(name);
    if (protocol === undefined) {
      this.unverifiable(resource, `${path}.protocol`, `protocol ${JSON.stringify(raw)} is not one GCP accepts (tcp, udp, icmp, esp, ah, sctp, ipip, all or a number 0-255)`);
      return undefined;
    }
    const rawPorts = asList(block.ports);
    if (rawPorts.length === 0) return { protocol, path };
    if (protocol === 'all' || !PORTED_PROTOCOLS.has(protocol)) {
      this.unverifiable(resource, `${path}.ports`, `ports are given for protocol ${JSON.stringify(raw)}, which has none (GCP rejects it)`);
      return undefined;
    }
    const ports: PortRange[] = [];
    rawPorts.forEach((spec, index) => {
      if (spec === UNKNOWN || isReference(spec)) {
        this.unverifiable(resource, `${path}.ports[${index}]`, `port is ${describeUnknown(spec)}`);
        return;
      }
      const parsed = spec === 0 || spec === '0' ? { from: 0, to: 0 } : typeof spec === 'string' && /^0-\d+$/.test(spec) ? parsePortSpec(spec.replace(/^0-/, '1-')) : parsePortSpec(String(spec));
      if (typeof parsed === 'string') this.unverifiable(resource, `${path}.ports[${index}]`, parsed);
      else ports.push(typeof spec === 'string' && spec.startsWith('0-') ? { from: 0, to: parsed.to } : parsed);
    });
    return { protocol, ports, path };
  }

  private addressList(resource: TerraformResource, key: string): AddressInterval[] {
    const raw = resource.values[key];
    const unknown = findUnknown(raw);
    if (unknown) {
      this.unverifiable(resource, `${resource.jsonPath}.${key}`, `${key} is ${unknown}`);
      return [];
    }
    const ranges: AddressInterval[] = [];
    asList(raw).forEach((text, index) => {
      const parsed = typeof text === 'string' ? parseAddressRange(text) : `${JSON.stringify(text)} is not an address range`;
      if (typeof parsed === 'string') this.unverifiable(resource, `${resource.jsonPath}.${key}[${index}]`, parsed);
      else ranges.push(parsed);
    });
    return ranges;
  }

  private stringList(resource: TerraformResource, key: string): string[] {
    const raw = resource.values[key];
    const unknown = findUnknown(raw);
    if (unknown) {
      this.unverifiable(resource, `${resource.jsonPath}.${key}`, `${key} is ${unknown}`);
      return [];
    }
    return asList(raw).filter((v): v is string => typeof v === 'string');
  }
}

/** Same (true), different (false), or not knowable from the Terraform (undefined). */
export function sameIdentity(a: Identity, b: Identity): boolean | undefined {
  if (a.kind === b.kind && a.value === b.value) return true;
  if (a.kind === 'expression' || b.kind === 'expression') return undefined;
  if (a.kind === b.kind) return false;
  const pair = new Set([a.kind, b.kind]);
  if (pair.has('default') && pair.has('email')) {
    // The Compute Engine default service account is PROJECT_NUMBER-compute@developer.gserviceaccount.com.
    const email = a.kind === 'email' ? a.value : b.value;
    return email.endsWith('-compute@developer.gserviceaccount.com') ? undefined : false;
  }
  if (pair.has('email') && pair.has('resource')) {
    const [email, resource] = a.kind === 'email' ? [a, b] : [b, a];
    return resource.accountId !== undefined && email.value.split('@')[0] !== resource.accountId ? false : undefined;
  }
  if (pair.has('default') && pair.has('resource') && (a.value === 'default' || b.value === 'default')) {
    // a managed network / service account is never the default one, unless it is named "default"
    return false;
  }
  if (pair.has('name') && pair.has('default')) return (a.kind === 'name' ? a.value : b.value) === 'default';
  return undefined;
}

export function displayIdentity(identity: Identity): string {
  return identity.kind === 'default' ? 'the default service account' : identity.value;
}

function isReference(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

function describeUnknown(value: unknown): string {
  return value === UNKNOWN ? 'unknown until apply' : `an unresolved reference (${String(value)})`;
}

/** Where a value the model needs is unknown, described; undefined when every part is known. */
function findUnknown(value: unknown): string | undefined {
  if (value === UNKNOWN || isReference(value)) return describeUnknown(value);
  // Indexed loop and for-in: every firewall rule's lists and blocks come through here (see values.ts readPath).
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const inner = findUnknown(value[i]);
      if (inner) return inner;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const key in value) {
      const inner = findUnknown((value as Record<string, unknown>)[key]);
      if (inner) return inner;
    }
  }
  return undefined;
}

function firstBlock(value: unknown): Record<string, unknown> | undefined | typeof UNKNOWN {
  if (value === UNKNOWN) return UNKNOWN;
  const first = asList(value)[0];
  return first !== null && typeof first === 'object' ? (first as Record<string, unknown>) : undefined;
}

/** `module.a.module.b.google_x.y` → `module.a.module.b.` */
function modulePrefix(address: string): string {
  return /^((?:module\.[^.]+\.)*)/.exec(address)?.[1] ?? '';
}

function moduleless(reference: string): string {
  return reference.replace(/^(?:module\.[^.]+\.)*/, '');
}
