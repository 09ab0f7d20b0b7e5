import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Catalog, catalogFingerprint, readCatalogCache, writeCatalogCache } from '../../lib/architecture/catalog';

describe('the catalog cache written by the build', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cxunit-cache-'));
  const file = path.join(dir, 'catalog.cache.json');
  beforeAll(() => writeCatalogCache(file));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('round-trips to the same catalog as parsing and validating the YAML', () => {
    const cached = readCatalogCache(file);
    expect(cached).toBeInstanceOf(Catalog);
    expect(JSON.parse(JSON.stringify(cached))).toEqual(JSON.parse(JSON.stringify(Catalog.load())));
    expect(cached!.connectionsOf('Tenant Service')).toHaveLength(22);
  });

  it('records the fingerprint of the catalog files it was made from', () => {
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).fingerprint).toBe(catalogFingerprint());
    expect(catalogFingerprint()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is ignored when a catalog file changed since it was written', () => {
    const stale = path.join(dir, 'stale.json');
    const cache = JSON.parse(fs.readFileSync(file, 'utf8'));
    fs.writeFileSync(stale, JSON.stringify({ ...cache, fingerprint: '0'.repeat(64) }));
    expect(readCatalogCache(stale)).toBeUndefined();
  });

  it('is ignored when it is missing, unreadable or of another version', () => {
    expect(readCatalogCache(path.join(dir, 'missing.json'))).toBeUndefined();
    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, '{');
    expect(readCatalogCache(broken)).toBeUndefined();
    const other = path.join(dir, 'other.json');
    fs.writeFileSync(other, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), version: 0 }));
    expect(readCatalogCache(other)).toBeUndefined();
  });

  it('changes the fingerprint when any catalog file changes', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'cxunit-data-'));
    const source = path.resolve(__dirname, '../../lib/architecture/data');
    fs.cpSync(source, copy, { recursive: true });
    expect(catalogFingerprint(copy)).toBe(catalogFingerprint(source));
    fs.appendFileSync(path.join(copy, 'namespaces.yaml'), '\n');
    expect(catalogFingerprint(copy)).not.toBe(catalogFingerprint(source));
    fs.rmSync(copy, { recursive: true, force: true });
  });
});
