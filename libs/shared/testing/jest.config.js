module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'shared-testing',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/**/*.int-spec.ts'],
};
