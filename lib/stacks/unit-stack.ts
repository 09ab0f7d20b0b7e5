import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { Catalog } from '../architecture/catalog';
import { GkeUnit } from '../gke/gke-unit';
import { CXUNIT_METADATA_KEY } from '../network/boundaries';
import { gkeUnitProps, UnitConfig, UnitGroupConfig } from './units-file';

export interface UnitStackProps {
  readonly group: UnitGroupConfig;
  /** The unit of the group that this stack deploys. */
  readonly unit: UnitConfig;
  readonly catalog: Catalog;
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

    const peers = props.group.units.filter((other) => other !== unit);
    this.unit = new GkeUnit(this, 'unit', gkeUnitProps(unit, peers, props.catalog));
    // the unit's entry in units.yaml, not the line of main.ts that builds every unit, is where a reviewer acts
    const site = props.group.unitSites?.[props.group.units.indexOf(unit)];
    if (site && site.line > 0) {
      this.addOverride(`//.${CXUNIT_METADATA_KEY}.createdAt`, { file: props.group.file, line: site.line, column: site.column, constructPath: this.unit.node.path });
    }

    new TerraformOutput(this, 'cluster_name', { value: this.unit.cluster.name, description: 'Name of the unit\'s GKE cluster' });
    new TerraformOutput(this, 'cluster_endpoint', { value: this.unit.cluster.endpoint, description: 'Public endpoint of the cluster\'s control plane' });
    new TerraformOutput(this, 'ingress_ip', { value: this.unit.ingressAddress.address, description: 'Static IP of the network load balancer in front of ingress-nginx' });
  }
}
