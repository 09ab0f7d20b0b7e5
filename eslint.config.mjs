// Lint: typescript-eslint's recommended rules, plus the import boundaries of the design
// (the team style guide): provider bindings only by deep path, and cdktf / provider bindings only in lib/.
import tseslint from 'typescript-eslint';

const providerIndex = {
  // The package index itself (`@cdktf/provider-google`, optionally `/lib`), not the deep paths below it.
  regex: '^@cdktf/provider-[^/]+(/lib)?/?$',
  message: 'Import provider classes by deep path (e.g. @cdktf/provider-google/lib/container-cluster): the package index loads the whole provider (about 2 s and 380 MB).',
};
const cdktfAnywhere = {
  group: ['cdktf', 'cdktf/*', '@cdktf/*', 'constructs'],
  message: 'The policy engine, catalog and command line must not load cdktf or provider bindings: they read Terraform JSON only.',
};
const cloudSpecific = {
  group: ['../gcp/*', '../azure/*', '../gke/*', '../aks/*', '../flow-evaluators'],
  message: 'lib/network is the cloud-neutral flow model: a cloud implements FlowEvaluator (lib/network/evaluators.ts) and is listed in lib/flow-evaluators.ts.',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'cdktf.out/', '.cache/', 'coverage/', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-restricted-imports': ['error', { patterns: [providerIndex] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Engine, catalog, flow model, CLI and rules never touch cdktf (they must start fast and work on any Terraform JSON).
    files: ['lib/architecture/**', 'lib/gcp/**', 'lib/flow-evaluators.ts', 'lib/validation/**', 'lib/network/**', 'lib/policy/**', 'lib/cli/**', 'lib/docs/**', 'policies/**', 'bin/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [providerIndex, cdktfAnywhere] }] },
  },
  {
    // The flow model and the comparison never name a cloud (the team style guide): clouds plug in through lib/flow-evaluators.ts.
    files: ['lib/network/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [providerIndex, cdktfAnywhere, cloudSpecific] }] },
  },
  {
    // Outside lib/, cdktf is reached only through lib/ so that a later switch of CDK touches few files.
    files: ['stacks/**', 'test/**', 'bench/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [providerIndex, { ...cdktfAnywhere, message: 'Import cdktf and provider bindings only inside lib/ (re-export what you need from lib/).' }] }] },
  },
);
