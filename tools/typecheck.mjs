#!/usr/bin/env node
// Type-checks one project, the Nx `typecheck` target: `node tools/typecheck.mjs apps/health`.
// Its .ts files (and what they import) are compiled with the root tsconfig.json's options, so a
// project needs no tsconfig of its own; `npm run typecheck` still checks the whole tree at once.
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [projectRoot] = process.argv.slice(2);
if (!projectRoot) {
  process.stderr.write('usage: node tools/typecheck.mjs <project root, e.g. apps/health>\n');
  process.exit(2);
}

const configFile = join(root, 'tsconfig.json');
const { config, error } = ts.readConfigFile(configFile, ts.sys.readFile);
if (error) {
  process.stderr.write(ts.formatDiagnostic(error, ts.createCompilerHost({})));
  process.exit(1);
}
const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, configFile);
const projectDir = resolve(root, projectRoot) + sep;
const rootNames = parsed.fileNames.filter((file) => resolve(file).startsWith(projectDir));
if (rootNames.length === 0) {
  process.stderr.write(`${projectRoot}: no TypeScript files of tsconfig.json there\n`);
  process.exit(1);
}

const program = ts.createProgram({ rootNames, options: parsed.options });
const diagnostics = ts.getPreEmitDiagnostics(program);
if (diagnostics.length > 0) {
  const host = {
    getCanonicalFileName: (file) => file,
    getCurrentDirectory: () => root,
    getNewLine: () => '\n',
  };
  process.stderr.write(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
  process.exit(1);
}
process.stdout.write(`${relative(root, projectDir) || '.'}: ${rootNames.length} files type-check\n`);
