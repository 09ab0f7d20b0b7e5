import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { GkeUnit } from 'cxunit';

/** One Genesys Multicloud CX unit in europe-west4, in its own stack. */
class Euw4Stack extends TerraformStack {
  readonly unit: GkeUnit;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GoogleProvider(this, 'google', { project: 'acme-cx-euw4', region: 'europe-west4' });
    // The unit checks its own stack when it is synthesized: no enforcePolicies() call is needed.
    this.unit = new GkeUnit(this, 'unit', {
      unitName: 'euw4',
      project: 'acme-cx-euw4',
      region: 'europe-west4',
      zones: ['europe-west4-a', 'europe-west4-b', 'europe-west4-c'],
      subnetCidr: '10.40.0.0/20',
      servicesCidr: '10.40.16.0/20',
      podsCidr: '10.44.0.0/16',
      sbcSourceRanges: ['203.0.113.0/24'],
      dnsManagedZone: 'cx-acme',
      dnsDomain: 'euw4.cx.acme.example',
    });
  }
}

const app = new App();
new Euw4Stack(app, 'euw4');
app.synth();
