import type * as YamlFileModule from './yaml-file';

/**
 * Modules that only some commands need, loaded on first use: yaml-file.ts brings ajv, ajv-formats and yaml
 * (about 150 modules, most of `cxunit check`'s start-up before this), which reading the built-in catalog
 * from its build-time cache and checking Terraform JSON never use.
 */
export function yamlFileModule(): typeof YamlFileModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberately lazy (see above)
  return require('./yaml-file') as typeof YamlFileModule;
}
