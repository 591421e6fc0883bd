import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { workspaceRoot } from './workspace';

interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const root = workspaceRoot();
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as PackageJson;

/** A lib for specs only (tagged type:testing): never in an app bundle. */
function isTestingLib(projectDir: string): boolean {
  const project = JSON.parse(readFileSync(join(projectDir, 'project.json'), 'utf8')) as { tags?: string[] };
  return project.tags?.includes('type:testing') ?? false;
}

/** Production code: what the app bundles hold (apps' and libs' src, without specs or the testing libs). */
function productionFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ts$/.test(entry.name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name))
        files.push(path);
    }
  };
  for (const base of ['apps', join('libs', 'shared')]) {
    for (const project of readdirSync(join(root, base))) {
      if (isTestingLib(join(root, base, project))) continue;
      walk(join(root, base, project, 'src'));
    }
  }
  return files;
}

/** The packages a file loads at run time: import, import(), require() and require.resolve(). */
function packagesOf(source: string): string[] {
  const specifiers = [
    ...source.matchAll(
      /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|\bresolve\s*\(\s*|^import\s+)['"]([^'"]+)['"]/gm,
    ),
  ].map((m) => m[1]);
  return specifiers
    .filter((s) => !s.startsWith('.') && !s.startsWith('node:') && !s.startsWith('@terpadu/'))
    .map((s) =>
      s
        .split('/')
        .slice(0, s.startsWith('@') ? 2 : 1)
        .join('/'),
    );
}

describe('package.json dependencies', () => {
  const pkg = readJson(join(root, 'package.json'));
  const runtime = new Set(Object.keys(pkg.dependencies ?? {}));
  const importedBy = new Map<string, string>();
  for (const file of productionFiles()) {
    for (const name of packagesOf(readFileSync(file, 'utf8')))
      if (!importedBy.has(name)) importedBy.set(name, relative(root, file));
  }

  it('lists every package production code loads under dependencies (the image prunes devDependencies)', () => {
    const missing = [...importedBy].filter(([name]) => !runtime.has(name)).map(([n, f]) => `${n} (${f})`);
    expect(missing).toEqual([]);
  });

  it('lists under dependencies only what production code loads, or a peer of what it loads', () => {
    const peers = new Set(
      [...importedBy.keys()].flatMap((name) =>
        Object.keys(readJson(join(root, 'node_modules', name, 'package.json')).peerDependencies ?? {}),
      ),
    );
    expect([...runtime].filter((name) => !importedBy.has(name) && !peers.has(name))).toEqual([]);
  });
});
