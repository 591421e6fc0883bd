// Every project's specs in one run: unit (*.spec.ts), integration against real PostgreSQL and
// NATS (*.int-spec.ts) and end to end through the built apps (*.e2e-spec.ts).
// testTimeout is a global option: with `projects`, the projects' own values are ignored, so the
// preset's value is passed here. The global setup checks once, before any suite, that PostgreSQL
// and NATS can be had on this machine (transformed like the specs, hence transform and aliases).
const { moduleNameMapper, testTimeout, transform } = require('./jest.preset.js');

module.exports = {
  projects: ['<rootDir>/apps/*/jest.config.js', '<rootDir>/libs/shared/*/jest.config.js'],
  testTimeout,
  globalSetup: '<rootDir>/libs/shared/testing/src/global-setup.ts',
  transform,
  moduleNameMapper,
};
