// Unit specs (*.spec.ts) and integration specs against real PostgreSQL/NATS (*.int-spec.ts).
module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'shared-database',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/**/*.int-spec.ts'],
};
