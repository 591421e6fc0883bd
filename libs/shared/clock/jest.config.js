module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'shared-clock',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/**/*.int-spec.ts'],
};
