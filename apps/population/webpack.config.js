// Bundles the app with its libs (path aliases resolved); node_modules stay external.
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

module.exports = {
  output: { path: join(__dirname, '../../dist/apps/population'), clean: true },
  devtool: 'source-map',
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: join(__dirname, 'src/main.ts'),
      // dist/apps/population/migrate.js: the migration command (see src/database/migrate.ts).
      additionalEntryPoints: [
        { entryName: 'migrate', entryPath: join(__dirname, 'src/database/migrate.ts') },
      ],
      tsConfig: join(__dirname, 'tsconfig.app.json'),
      outputHashing: 'none',
      optimization: false,
      generatePackageJson: false,
      sourceMap: true,
      typeCheck: false,
    }),
  ],
};
