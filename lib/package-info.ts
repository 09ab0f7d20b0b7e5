import * as fs from 'fs';
import * as path from 'path';

/** cxunit's own package.json, read once (the same whether running from lib/ or dist/lib/, or installed). */
export interface PackageInfo {
  readonly version: string;
  /** The repository's web address: `homepage` without its fragment, else `repository` without `git+` and `.git`. */
  readonly webUrl?: string;
  /** The peer dependencies' ranges: the versions cxunit is tested with. */
  readonly peerDependencies: Readonly<Record<string, string>>;
}

let info: PackageInfo | undefined;

export function packageInfo(): PackageInfo {
  if (info === undefined) {
    info = { version: '0.0.0', peerDependencies: {} };
    for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const file = path.join(dir, 'package.json');
      if (!fs.existsSync(file)) continue;
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string; homepage?: string; repository?: string | { url?: string }; peerDependencies?: Record<string, string> };
      if (pkg.name !== 'cxunit') continue;
      const repository = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
      const web = pkg.homepage?.replace(/#.*$/, '') ?? repository?.replace(/^git\+/, '').replace(/\.git$/, '');
      info = { version: pkg.version ?? info.version, peerDependencies: pkg.peerDependencies ?? {}, ...(web ? { webUrl: web.replace(/\/$/, '') } : {}) };
      break;
    }
  }
  return info;
}
