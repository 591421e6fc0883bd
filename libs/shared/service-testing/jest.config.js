module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'shared-service-testing',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/**/*.int-spec.ts'],
};
