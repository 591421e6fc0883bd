import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from './workspace';

interface Target {
  executor: string;
  options: { command?: string; commands?: string[] };
  dependsOn?: unknown[];
}
type CreateNodes = readonly [
  string,
  (
    files: string[],
    options: undefined,
    context: { workspaceRoot: string },
  ) => [string, { projects: Record<string, { targets: Record<string, Target> }> }][],
];

const root = workspaceRoot();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createNodes } = require(join(root, 'tools', 'nx-targets.js')) as { createNodes: CreateNodes };
const nxJson = JSON.parse(readFileSync(join(root, 'nx.json'), 'utf8')) as {
  plugins: string[];
  targetDefaults: Record<string, { cache?: boolean; inputs?: string[] }>;
};

const projectFiles = ['apps', 'libs/shared'].flatMap((base) =>
  readdirSync(join(root, base))
    .map((name) => `${base}/${name}/project.json`)
    .filter((file) => existsSync(join(root, file))),
);
const targets = Object.fromEntries(
  createNodes[1](projectFiles, undefined, { workspaceRoot: root }).map(([file, result]) => [
    file.replace(/\/project\.json$/, ''),
    result.projects[file.replace(/\/project\.json$/, '')].targets,
  ]),
);

describe('Nx targets (tools/nx-targets.js)', () => {
  it('is the plugin nx.json loads, for every project.json', () => {
    expect(nxJson.plugins).toContain('./tools/nx-targets.js');
    expect(createNodes[0]).toBe('**/project.json');
  });

  it('gives every project lint and typecheck, test where it has unit specs, test-int where it has others', () => {
    const names = Object.fromEntries(
      Object.entries(targets).map(([project, t]) => [project, Object.keys(t)]),
    );
    expect(names).toMatchObject({
      'apps/gateway': ['lint', 'typecheck', 'test', 'test-int'],
      'apps/health': ['lint', 'typecheck', 'test', 'test-int'],
      'apps/population': ['lint', 'typecheck', 'test', 'test-int'],
      'libs/shared/clock': ['lint', 'typecheck', 'test'],
      'libs/shared/contracts': ['lint', 'typecheck', 'test'],
      'libs/shared/messaging': ['lint', 'typecheck', 'test', 'test-int'],
    });
    for (const t of Object.values(targets))
      expect(Object.keys(t)).toEqual(expect.arrayContaining(['lint', 'typecheck']));
  });

  it('splits the jest tiers by file name and builds what the integration and end-to-end specs start', () => {
    const health = targets['apps/health'];
    expect(health.test.options.command).toBe(
      String.raw`jest -c {projectRoot}/jest.config.js --ci --testPathIgnorePatterns='\.(int|e2e)-spec\.ts$'`,
    );
    expect(health['test-int'].options.command).toBe(
      String.raw`jest -c {projectRoot}/jest.config.js --ci --testPathPatterns='\.(int|e2e)-spec\.ts$'`,
    );
    expect(health['test-int'].dependsOn).toEqual(['build']);
    expect(targets['apps/gateway']['test-int'].dependsOn).toEqual([
      'build',
      { target: 'build', projects: ['tag:type:app'] },
    ]);
    expect(targets['libs/shared/messaging']['test-int'].dependsOn).toEqual([]);
  });

  it('caches lint, typecheck and unit specs on their inputs, never the integration tier', () => {
    for (const name of ['lint', 'typecheck', 'test']) {
      expect(nxJson.targetDefaults[name]).toMatchObject({ cache: true });
      expect(nxJson.targetDefaults[name].inputs).toEqual(expect.arrayContaining(['default', '^production']));
    }
    expect(nxJson.targetDefaults['test-int']).toEqual({ cache: false });
  });
});
