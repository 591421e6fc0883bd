// Every project's specs in one run: unit (*.spec.ts), integration against real PostgreSQL and
// NATS (*.int-spec.ts) and end to end through the built apps (*.e2e-spec.ts).
// testTimeout is a global option: with `projects`, the projects' own values are ignored.
module.exports = {
  projects: ['<rootDir>/apps/*/jest.config.js', '<rootDir>/libs/shared/*/jest.config.js'],
  testTimeout: 120_000,
};
