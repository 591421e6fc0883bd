// An Nx plugin (nx.json "plugins") giving every project (a folder with a project.json) the same
// targets, inferred from the folder so that a new app or lib gets them without a copy:
//   lint       ESLint and Prettier over the project
//   typecheck  its TypeScript and what it imports, with the root tsconfig.json (tools/typecheck.mjs)
//   test       its unit specs (*.spec.ts), when it has a jest.config.js
//   test-int   its integration and end-to-end specs (*.int-spec.ts, *.e2e-spec.ts), when it has some:
//              after its own build for an app (a spec may run the bundle, as restart.int-spec.ts
//              does), after every app's build for a project with end-to-end specs
// Caching and inputs are in nx.json's targetDefaults. `npm test` does not go through these: it
// lints, type-checks, builds and runs jest over the whole tree as before.
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

/** Which kinds of spec files a project folder holds (node_modules and dist aside). */
function specKinds(dir) {
  const kinds = { unit: false, int: false, e2e: false };
  const walk = (current) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'dist') walk(join(current, entry.name));
      } else if (entry.name.endsWith('.e2e-spec.ts')) kinds.e2e = true;
      else if (entry.name.endsWith('.int-spec.ts')) kinds.int = true;
      else if (entry.name.endsWith('.spec.ts')) kinds.unit = true;
    }
  };
  walk(dir);
  return kinds;
}

const INT_SPECS = String.raw`'\.(int|e2e)-spec\.ts$'`;

function targetsOf(projectFile, workspaceRoot) {
  const root = dirname(projectFile);
  const dir = join(workspaceRoot, root);
  const project = JSON.parse(readFileSync(join(workspaceRoot, projectFile), 'utf8'));
  const run = (command) => ({ executor: 'nx:run-commands', options: { command } });
  const targets = {
    lint: {
      executor: 'nx:run-commands',
      options: {
        commands: ['eslint {projectRoot} --max-warnings=0', 'prettier --check {projectRoot}'],
        parallel: false,
      },
    },
    typecheck: run('node tools/typecheck.mjs {projectRoot}'),
  };
  if (!existsSync(join(dir, 'jest.config.js'))) return targets;

  const jest = 'jest -c {projectRoot}/jest.config.js --ci';
  const kinds = specKinds(dir);
  if (kinds.unit) targets.test = run(`${jest} --testPathIgnorePatterns=${INT_SPECS}`);
  if (kinds.int || kinds.e2e) {
    const dependsOn = [];
    if (project.targets?.build) dependsOn.push('build');
    if (kinds.e2e) dependsOn.push({ target: 'build', projects: ['tag:type:app'] });
    targets['test-int'] = { ...run(`${jest} --testPathPatterns=${INT_SPECS}`), dependsOn };
  }
  return targets;
}

/** @type {import('@nx/devkit').CreateNodes} */
exports.createNodes = [
  '**/project.json',
  (projectFiles, _options, context) =>
    projectFiles.map((file) => [
      file,
      { projects: { [dirname(file)]: { targets: targetsOf(file, context.workspaceRoot) } } },
    ]),
];
