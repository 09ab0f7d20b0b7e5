import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { Catalog } from '../architecture/catalog';
import { GkeUnit } from '../gke/gke-unit';
import { CXUNIT_METADATA_KEY } from '../network/boundaries';
import { GkeUnitConfig, gkeUnitProps, peersOf, UnitConfig, UnitGroupConfig } from './units-file';

export interface UnitStackProps {
  readonly group: UnitGroupConfig;
  /** The unit of the group that this stack deploys. */
  readonly unit: GkeUnitConfig;
  readonly catalog: Catalog;
}

/**
 * Findings on a unit built from units.yaml point at its entry there (`"//".cxunit.createdAt`): the line of
 * main.ts that builds every unit tells a reviewer nothing.
 */
export function recordUnitEntry(stack: TerraformStack, group: UnitGroupConfig, config: UnitConfig, unit: Construct): void {
  const site = group.unitSites?.[group.units.indexOf(config)];
  if (site && site.line > 0) {
    stack.addOverride(`//.${CXUNIT_METADATA_KEY}.createdAt`, { file: group.file, line: site.line, column: site.column, constructPath: unit.node.path });
  }
}

/** One unit of units.yaml: its providers, backend, the GkeUnit and the stack's outputs. */
export class UnitStack extends TerraformStack {
  readonly unit: GkeUnit;

  constructor(scope: Construct, id: string, props: UnitStackProps) {
    super(scope, id);
    const unit = props.unit;
    // State stays local (cdktf.out/stacks/<unit>/terraform.<unit>.tfstate). For a shared, locked state,
    // replace this with a remote backend, e.g.
    //   new GcsBackend(this, { bucket: '<state bucket>', prefix: `cxunit/${props.group.unitGroup}/${unit.name}` });
    new LocalBackend(this, { path: `terraform.${unit.name}.tfstate` });
    new GoogleProvider(this, 'google', { project: unit.project, region: unit.region });

    const peers = peersOf(props.group, unit);
    this.unit = new GkeUnit(this, 'unit', gkeUnitProps(unit, peers, props.catalog));
    recordUnitEntry(this, props.group, unit, this.unit);

    new TerraformOutput(this, 'cluster_name', { value: this.unit.cluster.name, description: 'Name of the unit\'s GKE cluster' });
    new TerraformOutput(this, 'cluster_endpoint', { value: this.unit.cluster.endpoint, description: 'Public endpoint of the cluster\'s control plane' });
    new TerraformOutput(this, 'ingress_ip', { value: this.unit.ingressAddress.address, description: 'Static IP of the network load balancer in front of ingress-nginx (Helm: controller.service.loadBalancerIP)' });
    // GKE creates no load-balancer firewall rules (disable_l4_lb_firewall_reconciliation): the Service must
    // name the same sources that the unit's internet-ingress rule opens, or the load balancer admits others.
    new TerraformOutput(this, 'ingress_source_ranges', {
      value: [...this.unit.props.ingressSourceRanges],
      description: 'Who may reach the ingress load balancer on HTTPS (Helm: controller.service.loadBalancerSourceRanges)',
    });
  }
}
