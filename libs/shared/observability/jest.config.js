module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'shared-observability',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/**/*.int-spec.ts'],
};
