import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Catalog } from '../architecture/catalog';
import { AksUnit } from '../aks/aks-unit';
import { recordUnitEntry } from './unit-stack';
import { AksUnitConfig, aksUnitProps, peersOf, UnitGroupConfig } from './units-file';

export interface AksUnitStackProps {
  readonly group: UnitGroupConfig;
  /** The AKS unit of the group that this stack deploys. */
  readonly unit: AksUnitConfig;
  readonly catalog: Catalog;
}

/** One AKS unit of units.yaml: its provider, backend, resource group, the AksUnit and the stack's outputs. */
export class AksUnitStack extends TerraformStack {
  readonly resourceGroup: ResourceGroup;
  readonly unit: AksUnit;

  constructor(scope: Construct, id: string, props: AksUnitStackProps) {
    super(scope, id);
    const unit = props.unit;
    // State stays local (cdktf.out/stacks/<unit>/terraform.<unit>.tfstate); for a shared, locked state use
    // an AzurermBackend (a storage account container) instead.
    new LocalBackend(this, { path: `terraform.${unit.name}.tfstate` });
    new AzurermProvider(this, 'azurerm', { features: [{}], subscriptionId: unit.subscriptionId });
    this.resourceGroup = new ResourceGroup(this, 'resource-group', { name: unit.resourceGroup, location: unit.location });

    const unitProps = aksUnitProps(unit, peersOf(props.group, unit), props.catalog);
    // The resource group's name as a reference, so that Terraform creates the group first.
    this.unit = new AksUnit(this, 'unit', { ...unitProps, resourceGroupName: this.resourceGroup.name });
    recordUnitEntry(this, props.group, unit, this.unit);

    new TerraformOutput(this, 'cluster_name', { value: this.unit.cluster.name, description: 'Name of the unit\'s AKS cluster' });
    new TerraformOutput(this, 'cluster_fqdn', { value: this.unit.cluster.fqdn, description: 'FQDN of the cluster\'s control plane' });
    new TerraformOutput(this, 'ingress_ip', { value: this.unit.ingressPublicIp.ipAddress, description: 'Static public IP of the load balancer in front of ingress-nginx' });
  }
}
