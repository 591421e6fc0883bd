// Unit specs beside the code (*.spec.ts) and integration specs against real PostgreSQL and NATS (test/*.int-spec.ts).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'health',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/**/*.int-spec.ts'],
};
