// Unit specs of the contracts (NIK rules and friends).
module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'shared-contracts',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
};
