import { Construct } from 'constructs';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';

export interface ClusterIdentityProps {
  readonly unitName: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /** Resources the cluster manages in the unit's network, by key: every subnet and the ingress public IP. */
  readonly networkScopes: Readonly<Record<string, string>>;
}

/**
 * The cluster's control-plane identity, created before the cluster with Network Contributor on every
 * subnet it joins and on the ingress public IP: with a bring-your-own VNet, AKS's identity needs at least
 * Network Contributor on its subnets, and on a static IP outside the node resource group (Microsoft's AKS
 * "Azure CNI" and managed-identity pages). A user-assigned identity lets the role assignments exist
 * before the cluster does.
 */
export class ClusterIdentity extends Construct {
  readonly identity: UserAssignedIdentity;
  readonly roleAssignments: Readonly<Record<string, RoleAssignment>>;

  constructor(scope: Construct, id: string, props: ClusterIdentityProps) {
    super(scope, id);
    this.identity = new UserAssignedIdentity(this, 'identity', { name: `${props.unitName}-aks`, resourceGroupName: props.resourceGroupName, location: props.location });
    const assignments: Record<string, RoleAssignment> = {};
    for (const [key, scopeId] of Object.entries(props.networkScopes)) {
      assignments[key] = new RoleAssignment(this, `network-contributor-${key}`, {
        scope: scopeId,
        roleDefinitionName: 'Network Contributor',
        principalId: this.identity.principalId,
        principalType: 'ServicePrincipal',
      });
    }
    this.roleAssignments = assignments;
  }
}
