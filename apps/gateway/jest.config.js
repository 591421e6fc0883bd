// Controller specs (*.spec.ts: the HTTP contract, services replaced by a fake RpcClient) and
// end-to-end specs (test/*.e2e-spec.ts: the built gateway and services on real PostgreSQL and NATS).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'gateway',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/**/*.int-spec.ts', '<rootDir>/**/*.e2e-spec.ts'],
  moduleNameMapper: { '^@terpadu/(.*)$': '<rootDir>/../../libs/shared/$1/src/index.ts' },
};
