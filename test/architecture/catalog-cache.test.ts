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

  describe('against the catalog files it was made from', () => {
    const source = path.resolve(__dirname, '../../lib/architecture/data');
    let copy: string;
    beforeEach(() => {
      copy = fs.mkdtempSync(path.join(os.tmpdir(), 'cxunit-data-'));
      fs.cpSync(source, copy, { recursive: true });
    });
    afterEach(() => fs.rmSync(copy, { recursive: true, force: true }));
    const setTimes = (dir: string, time: Date) => {
      for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) fs.utimesSync(path.join(dir, name), time, time);
    };

    it('is used for the same files written later (a copy, a checkout): their SHA-256 still matches', () => {
      expect(readCatalogCache(file, copy)).toBeInstanceOf(Catalog);
    });

    it('is used for the same files none of which is newer than the cache (the build in place wrote it last)', () => {
      const built = new Date('2026-01-01T00:00:00Z');
      setTimes(copy, built);
      const cache = path.join(dir, 'built.json');
      fs.copyFileSync(file, cache);
      fs.utimesSync(cache, built, built);
      expect(readCatalogCache(cache, copy)).toBeInstanceOf(Catalog);
    });

    it('is ignored when a catalog file changed since it was written', () => {
      fs.appendFileSync(path.join(copy, 'namespaces.yaml'), '\n');
      expect(readCatalogCache(file, copy)).toBeUndefined();
    });

    it('is ignored when a file under connections/ changed, whatever the times', () => {
      const old = new Date('2000-01-01T00:00:00Z');
      const connections = path.join(copy, 'connections');
      const [first] = fs.readdirSync(connections).sort();
      fs.appendFileSync(path.join(connections, first), '\n');
      setTimes(copy, old);
      expect(readCatalogCache(file, copy)).toBeUndefined();
    });

    it('is ignored when a changed file keeps its size but is newer than the cache', () => {
      const namespaces = path.join(copy, 'namespaces.yaml');
      const text = fs.readFileSync(namespaces, 'utf8');
      fs.writeFileSync(namespaces, text.replace(/[a-z]/, (c) => (c === 'a' ? 'b' : 'a')));
      expect(fs.statSync(namespaces).size).toBe(fs.statSync(path.join(source, 'namespaces.yaml')).size);
      expect(readCatalogCache(file, copy)).toBeUndefined();
    });

    it('is ignored when a catalog file was added or removed, whatever the times', () => {
      const old = new Date('2000-01-01T00:00:00Z');
      fs.rmSync(path.join(copy, 'namespaces.yaml'));
      setTimes(copy, old);
      expect(readCatalogCache(file, copy)).toBeUndefined();
      fs.cpSync(source, copy, { recursive: true });
      fs.writeFileSync(path.join(copy, 'extra.yaml'), 'x: 1\n');
      setTimes(copy, old);
      expect(readCatalogCache(file, copy)).toBeUndefined();
    });
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
