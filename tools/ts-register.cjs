// Lets Node 24 run the workspace's TypeScript directly (benchmarks, test fixtures that must run in
// their own process): `node -r ./tools/ts-register.cjs file.ts`. Files are compiled by swc
// with decorator metadata (Nest's DI needs it) and the @terpadu/* path aliases are resolved from
// tsconfig.base.json. Production runs the webpack bundles in dist/, never this.

const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { fileURLToPath, pathToFileURL } = require('node:url');
const { registerHooks } = require('node:module');

const root = join(__dirname, '..');
const { transformSync } = require('@swc/core');
const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
const aliases = new Map(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias, join(root, target)]),
);

registerHooks({
  resolve(specifier, context, nextResolve) {
    const aliased = aliases.get(specifier);
    if (aliased) return { url: pathToFileURL(aliased).href, shortCircuit: true };
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      // Extension-less relative imports of .ts files, as TypeScript writes them.
      if (specifier.startsWith('.') && context.parentURL?.endsWith('.ts')) {
        for (const candidate of [`${specifier}.ts`, `${specifier}/index.ts`]) {
          try {
            return nextResolve(candidate, context);
          } catch {
            // try the next form
          }
        }
      }
      throw error;
    }
  },
  load(url, context, nextLoad) {
    if (!url.endsWith('.ts')) return nextLoad(url, context);
    const filename = fileURLToPath(url);
    const { code } = transformSync(readFileSync(filename, 'utf8'), {
      filename,
      sourceMaps: 'inline',
      module: { type: 'commonjs' },
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
        keepClassNames: true,
      },
    });
    return { format: 'commonjs', source: code, shortCircuit: true };
  },
});
