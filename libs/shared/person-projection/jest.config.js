module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'shared-person-projection',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/**/*.int-spec.ts'],
};
