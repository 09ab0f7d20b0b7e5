import { Construct } from 'constructs';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';

/**
 * What a GKE node needs and nothing more (Google's least-privilege node service account), plus
 * pulling images from Artifact Registry, where 003 "Software requirements" has the customer mirror
 * the Genesys containers.
 */
export const NODE_SERVICE_ACCOUNT_ROLES: readonly string[] = [
  'roles/logging.logWriter',
  'roles/monitoring.metricWriter',
  'roles/monitoring.viewer',
  'roles/stackdriver.resourceMetadata.writer',
  'roles/artifactregistry.reader',
];

export interface NodeServiceAccountProps {
  readonly unitName: string;
  readonly project: string;
}

/** A dedicated service account for the unit's nodes, instead of the Compute Engine default (project Editor). */
export class NodeServiceAccount extends Construct {
  readonly serviceAccount: ServiceAccount;
  /** The project role bindings, by role. */
  readonly roleBindings: Readonly<Record<string, ProjectIamMember>>;

  constructor(scope: Construct, id: string, props: NodeServiceAccountProps) {
    super(scope, id);
    this.serviceAccount = new ServiceAccount(this, 'account', {
      project: props.project,
      accountId: `${props.unitName}-gke-nodes`,
      displayName: `cxunit ${props.unitName} GKE nodes`,
    });
    const bindings: Record<string, ProjectIamMember> = {};
    for (const role of NODE_SERVICE_ACCOUNT_ROLES) {
      bindings[role] = new ProjectIamMember(this, role.replace(/^roles\//, ''), {
        project: props.project,
        role,
        member: this.serviceAccount.member,
      });
    }
    this.roleBindings = bindings;
  }
}
