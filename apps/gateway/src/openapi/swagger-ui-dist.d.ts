// swagger-ui-dist ships no types; this is the one file of it the gateway reads from Node.
declare module 'swagger-ui-dist/absolute-path.js' {
  /** Absolute path of the package directory, where the UI's static assets live. */
  function getAbsoluteFSPath(): string;
  export = getAbsoluteFSPath;
}
