// Webpack settings shared by every app: one bundle per entry with the workspace libs inside (path
// aliases from tsconfig.base.json resolved), node_modules left as require() calls, and swc
// compiling TypeScript with decorator metadata, which Nest's dependency injection needs.
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..');
const { compilerOptions } = require(join(root, 'tsconfig.base.json'));
const alias = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([name, [target]]) => [`${name}$`, join(root, target)]),
);

/** @param {{ app: string, entries: Record<string, string> }} options entry name -> path under apps/<app> */
module.exports = function appWebpackConfig({ app, entries }) {
  const appRoot = join(root, 'apps', app);
  return {
    mode: 'production',
    target: 'node24',
    context: root,
    entry: Object.fromEntries(Object.entries(entries).map(([name, path]) => [name, join(appRoot, path)])),
    output: { path: join(root, 'dist', 'apps', app), filename: '[name].js', clean: true },
    devtool: 'source-map',
    optimization: { minimize: false, nodeEnv: false },
    resolve: { extensions: ['.ts', '.js'], alias },
    // Everything from node_modules stays outside the bundle and is loaded at run time.
    externals: [
      ({ request }, callback) =>
        /^[./]/.test(request) || request.startsWith('@terpadu/')
          ? callback()
          : callback(null, `commonjs ${request}`),
    ],
    externalsPresets: { node: true },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: 'swc-loader',
            options: {
              jsc: {
                parser: { syntax: 'typescript', decorators: true },
                transform: { legacyDecorator: true, decoratorMetadata: true },
                target: 'es2023',
                keepClassNames: true,
              },
              module: { type: 'es6' },
              sourceMaps: true,
            },
          },
        },
      ],
    },
    performance: { hints: false },
    stats: 'errors-warnings',
  };
};
