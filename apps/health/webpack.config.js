// dist/apps/health/main.js (the service) and migrate.js (its migrations, then exit).
module.exports = require('../../tools/webpack.app.js')({
  app: 'health',
  entries: { main: 'src/main.ts', migrate: 'src/database/migrate.ts' },
});
