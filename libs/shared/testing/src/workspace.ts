import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root (the folder holding nx.json), found from this file upwards. */
export function workspaceRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('workspace root (nx.json) not found');
    dir = parent;
  }
  return dir;
}

/** Node 24 from node_modules (the project's runtime), falling back to the current one. */
export function nodeBinary(): string {
  const local = join(workspaceRoot(), 'node_modules', '.bin', 'node');
  return existsSync(local) ? local : process.execPath;
}
