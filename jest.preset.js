// Shared jest settings. NestJS 12 and some of its dependencies ship only ES modules; jest's own
// module loader cannot require() them, so @swc/jest transforms them to CommonJS as well.
const esmPackages = [
  '@nestjs',
  '@nats-io',
  'file-type',
  'strtok3',
  'token-types',
  'uint8array-extras',
  '@tokenizer',
  'load-esm',
  'cookie',
  'jose',
];

// Tests never depend on the machine's time zone.
process.env.TZ = 'UTC';

/** tsconfig.base.json's path aliases, for jest's resolver. */
function pathAliases() {
  const { compilerOptions } = require('./tsconfig.base.json');
  return Object.fromEntries(
    Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
      `^${alias}$`,
      `${__dirname}/${target}`,
    ]),
  );
}

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: pathAliases(),
  // A global option: honoured when one project's config runs alone (its Nx `test`/`test-int`
  // target); the root config passes the same value for the run over every project.
  testTimeout: 120_000,
};
