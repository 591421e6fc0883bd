// Every project's specs in one run: unit (*.spec.ts), integration against real PostgreSQL and
// NATS (*.int-spec.ts) and end to end through the built apps (*.e2e-spec.ts).
// testTimeout is a global option: with `projects`, the projects' own values are ignored, so the
// preset's value is passed here.
module.exports = {
  projects: ['<rootDir>/apps/*/jest.config.js', '<rootDir>/libs/shared/*/jest.config.js'],
  testTimeout: require('./jest.preset.js').testTimeout,
};
