// dist/apps/gateway/main.js.
module.exports = require('../../tools/webpack.app.js')({ app: 'gateway', entries: { main: 'src/main.ts' } });
