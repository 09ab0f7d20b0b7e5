import { App } from 'cdktf';

/**
 * The deployable app: one stack per unit of stacks/units.yaml. Kept in lib/ so that stacks/ never
 * imports cdktf directly (a later switch of CDK touches only lib/).
 */
export function synthesizeApp(): void {
  const app = new App();
  app.synth();
}
