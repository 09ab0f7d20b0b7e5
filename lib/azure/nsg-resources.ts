import type { StackInput, TerraformResource } from '../policy/model';
import { UNKNOWN } from '../policy/model';
import { asList } from '../policy/values';
import { AddressSelector, canonicalTag, MAX_CUSTOM_PRIORITY, MIN_CUSTOM_PRIORITY, NsgAccess, NsgDirection, NsgProtocol, NsgRule, parseNsgPorts } from './nsg';

/**
 * Azure network security groups as Terraform JSON writes them, read into the pure model of nsg.ts:
 * `azurerm_network_security_group` with inline `security_rule` blocks (cdktf writes every unset field as
 * `null`, which means absent), separate `azurerm_network_security_rule` resources (linked to their NSG by
 * name and resource group), and subnet associations. Nothing here guesses: what cannot be read is a
 * problem with the resource address, the JSON path and the reason.
 */

export interface NsgProblem {
  readonly address: string;
  readonly path: string;
  readonly reason: string;
  /** A configuration Azure refuses or applies differently from how it reads (not just unknown values). */
  readonly invalid: boolean;
}

export interface SecurityGroup {
  readonly address: string;
  readonly jsonPath: string;
  readonly name?: string;
  readonly rules: readonly NsgRule[];
}

export interface NsgModel {
  readonly groups: readonly SecurityGroup[];
  readonly problems: readonly NsgProblem[];
}

const REFERENCE = /^\$\{([a-z0-9_]+\.[^.}]+)(?:\.[a-z_]+)?\}$/i;

/** `${azurerm_subnet.nodes.id}` -> `azurerm_subnet.nodes`; undefined for anything else. */
export function referencedAddress(value: unknown): string | undefined {
  return typeof value === 'string' ? REFERENCE.exec(value)?.[1] : undefined;
}

/**
 * The address of the stack's resource of `type` that an argument points to: a cdk.tf.json reference
 * (`${azurerm_subnet.nodes.id}`), a literal id equal to a resource's known `id`, or in a plan, where the
 * id is unknown until apply, the one resource of that type the argument's expression refers to.
 * Undefined when none of these tells.
 */
export function targetOf(stack: StackInput, resource: TerraformResource, at: readonly string[], attribute: string, type: string): string | undefined {
  let value: unknown = resource.values;
  for (const step of [...at, attribute]) {
    if (Array.isArray(value)) value = value[0];
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[step] : undefined;
  }
  const referenced = referencedAddress(value);
  if (referenced) return referenced;
  if (typeof value === 'string' && !value.includes('${')) return stack.resources.find((r) => r.type === type && r.values.id === value)?.address;
  if (value !== UNKNOWN) return undefined;
  const pattern = new RegExp(`^(?:module\\.[^.]+\\.)*${type}\\.[^.]+$`);
  const candidates = [...new Set((resource.references?.[at[0] ?? attribute] ?? []).filter((r) => pattern.test(r)))];
  // Inside a block (a cluster's default_node_pool) the plan records the block's references together: only one subnet is unambiguous.
  return candidates.length === 1 ? candidates[0] : undefined;
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0) || value === '';
}

function unknownValue(value: unknown): boolean {
  return value === UNKNOWN || (typeof value === 'string' && value.includes('${'));
}

/**
 * Fields of a separate rule that link it to its NSG or describe it: a reference there (the ordinary way to
 * write one) leaves what the rule opens known. readNsgModel links the rule to its NSG by them.
 */
const NOT_WHAT_IT_OPENS = new Set(['network_security_group_name', 'resource_group_name', 'description']);

/** Reads one rule (inline block or separate resource). */
export function readNsgRule(values: Record<string, unknown>, address: string, jsonPath: string, problems: NsgProblem[]): NsgRule | undefined {
  const problem = (field: string, reason: string, invalid = true) => {
    problems.push({ address, path: `${jsonPath}.${field}`, reason, invalid });
    return undefined;
  };
  for (const [field, value] of Object.entries(values)) {
    if (NOT_WHAT_IT_OPENS.has(field)) continue;
    if (unknownValue(value) || (Array.isArray(value) && value.some(unknownValue))) return problem(field, `${field} is not known until apply`, false);
  }
  const name = String(values.name ?? '');
  const priority = typeof values.priority === 'number' ? values.priority : Number(values.priority);
  if (!Number.isInteger(priority) || priority < MIN_CUSTOM_PRIORITY || priority > MAX_CUSTOM_PRIORITY) {
    return problem('priority', `security rule "${name}" has priority ${JSON.stringify(values.priority)}: Azure accepts ${MIN_CUSTOM_PRIORITY} to ${MAX_CUSTOM_PRIORITY}`);
  }
  const direction = matchEnum(values.direction, ['Inbound', 'Outbound']) as NsgDirection | undefined;
  if (!direction) return problem('direction', `security rule "${name}" has direction ${JSON.stringify(values.direction)}: use "Inbound" or "Outbound"`);
  const access = matchEnum(values.access, ['Allow', 'Deny']) as NsgAccess | undefined;
  if (!access) return problem('access', `security rule "${name}" has access ${JSON.stringify(values.access)}: use "Allow" or "Deny"`);
  const protocol = matchEnum(values.protocol, ['Tcp', 'Udp', 'Icmp', 'Esp', 'Ah', '*']) as NsgProtocol | undefined;
  if (!protocol) return problem('protocol', `security rule "${name}" has protocol ${JSON.stringify(values.protocol)}: use Tcp, Udp, Icmp, Esp, Ah or *`);

  const ports = (side: 'source' | 'destination') => {
    const single = values[`${side}_port_range`];
    const list = values[`${side}_port_ranges`];
    if (!isAbsent(single) && !isAbsent(list)) return problem(`${side}_port_ranges`, `security rule "${name}" sets both ${side}_port_range and ${side}_port_ranges: Azure takes one`);
    const specs = !isAbsent(single) ? [String(single)] : asList(list).map(String);
    if (specs.length === 0) return problem(`${side}_port_range`, `security rule "${name}" sets no ${side} port: give ${side}_port_range ("*" for all)`);
    const parsed = parseNsgPorts(specs);
    return typeof parsed === 'string' ? problem(`${side}_port_range`, `security rule "${name}": ${parsed}`) : parsed;
  };
  const addresses = (side: 'source' | 'destination'): AddressSelector | undefined => {
    const prefix = values[`${side}_address_prefix`];
    const prefixes = values[`${side}_address_prefixes`];
    const asgs = values[`${side}_application_security_group_ids`];
    const given = [prefix, prefixes, asgs].filter((v) => !isAbsent(v)).length;
    if (given !== 1) {
      return problem(`${side}_address_prefix`, `security rule "${name}" ${given === 0 ? 'sets no' : 'sets more than one'} ${side} (address prefix, prefixes or application security groups): give exactly one`);
    }
    if (!isAbsent(asgs)) return { kind: 'asgs', ids: asList(asgs).map(String) };
    if (!isAbsent(prefixes)) {
      const list = asList(prefixes).map(String);
      if (list.some((p) => canonicalTag(p) !== p || /^[A-Za-z]/.test(p))) return problem(`${side}_address_prefixes`, `security rule "${name}" lists a service tag in ${side}_address_prefixes: tags go in ${side}_address_prefix, one per rule`);
      return { kind: 'prefixes', prefixes: list };
    }
    const text = String(prefix);
    if (canonicalTag(text) === '*') return { kind: 'any' };
    if (/^[A-Za-z]/.test(text)) return { kind: 'tag', tag: String(canonicalTag(text)) };
    return { kind: 'prefixes', prefixes: [text] };
  };
  const sourcePorts = ports('source');
  const destinationPorts = ports('destination');
  const source = addresses('source');
  const destination = addresses('destination');
  if (!sourcePorts || !destinationPorts || !source || !destination) return undefined;
  return { name, priority, direction, access, protocol, source, destination, sourcePorts, destinationPorts, isDefault: false, address, jsonPath };
}

function matchEnum(value: unknown, allowed: readonly string[]): string | undefined {
  return typeof value === 'string' ? allowed.find((a) => a.toLowerCase() === value.toLowerCase()) : undefined;
}

/** Every NSG of the stack with its rules; mixing inline and separate rules, and duplicate priorities, are problems. */
export function readNsgModel(stack: StackInput): NsgModel {
  const problems: NsgProblem[] = [];
  const nsgs = stack.resources.filter((r) => r.type === 'azurerm_network_security_group');
  const separate = stack.resources.filter((r) => r.type === 'azurerm_network_security_rule');
  const groups: SecurityGroup[] = [];
  const claimed = new Set<TerraformResource>();
  for (const nsg of nsgs) {
    const inline = asList(nsg.values.security_rule);
    const name = typeof nsg.values.name === 'string' && !unknownValue(nsg.values.name) ? nsg.values.name : undefined;
    const own = separate.filter((rule) => {
      const target = rule.values.network_security_group_name;
      const linked = referencedAddress(target) === nsg.address || (name !== undefined && target === name && sameValue(rule.values.resource_group_name, nsg.values.resource_group_name));
      if (linked) claimed.add(rule);
      return linked;
    });
    if (inline.length > 0 && own.length > 0) {
      problems.push({
        address: nsg.address, path: `${nsg.jsonPath}.security_rule`, invalid: true,
        reason: `network security group ${nsg.address} has inline security_rule blocks and ${own.length} azurerm_network_security_rule resource${own.length === 1 ? '' : 's'} (${own.map((r) => r.address).join(', ')}): azurerm overwrites one with the other; keep only one of the two forms`,
      });
    }
    const rules: NsgRule[] = [];
    inline.forEach((block, index) => {
      if (block === null || typeof block !== 'object') return;
      const rule = readNsgRule(block as Record<string, unknown>, nsg.address, `${nsg.jsonPath}.security_rule[${index}]`, problems);
      if (rule) rules.push(rule);
    });
    for (const resource of own) {
      const rule = readNsgRule(resource.values as Record<string, unknown>, resource.address, resource.jsonPath, problems);
      if (rule) rules.push(rule);
    }
    for (const direction of ['Inbound', 'Outbound'] as const) {
      const byPriority = new Map<number, NsgRule[]>();
      for (const rule of rules.filter((r) => r.direction === direction)) byPriority.set(rule.priority, [...(byPriority.get(rule.priority) ?? []), rule]);
      for (const [priority, same] of byPriority) {
        if (same.length < 2) continue;
        problems.push({
          address: same[1].address ?? nsg.address, path: `${same[1].jsonPath}.priority`, invalid: true,
          reason: `network security group ${nsg.address} has ${same.length} ${direction} rules at priority ${priority} (${same.map((r) => `"${r.name}"`).join(', ')}): Azure refuses two rules with the same priority and direction; give each its own priority`,
        });
      }
    }
    groups.push({ address: nsg.address, jsonPath: nsg.jsonPath, ...(name !== undefined ? { name } : {}), rules });
  }
  for (const rule of separate.filter((r) => !claimed.has(r))) {
    problems.push({ address: rule.address, path: `${rule.jsonPath}.network_security_group_name`, invalid: false, reason: `the network security group of ${rule.address} is not in the stack` });
  }
  return { groups, problems };
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === undefined || b === undefined || a === b;
}
