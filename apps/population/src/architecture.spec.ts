import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';

/**
 * Rules of this service's layout that a reviewer should not have to check by eye:
 * - the folders of src/ import each other one way only: registry/ (the resident record, its history
 *   and the steps every change shares) at the bottom, the features on it (family cards, then
 *   duplicates, then residents and the life events, then imports and letters), database/ and the
 *   app module on top;
 * - a person enters the registry one way: ResidentRecordsService.register writes the row, its
 *   history entry and RESIDENT_REGISTERED_V1, and nothing else does.
 */

/** Which part of src/ a file belongs to: its first folder, or the file itself when it lies in src/. */
type Part = string;

/** part -> part it imports -> the imports that make that arrow (`file -> imported path`). */
type PartGraph = Map<Part, Map<Part, string[]>>;

const SRC = __dirname;

/** The service's code: every .ts file under src/ but the specs. */
function codeFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return codeFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

function partOf(path: string): Part {
  return relative(SRC, path).split(sep)[0];
}

/** Every relative import (import, import type, export from, import(), require) of the code, by part. */
function partGraph(): PartGraph {
  const graph: PartGraph = new Map();
  for (const file of codeFiles()) {
    const from = partOf(file);
    const arrows = graph.get(from) ?? new Map<Part, string[]>();
    graph.set(from, arrows);
    for (const { fileName } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = resolve(dirname(file), fileName);
      if (relative(SRC, target).startsWith('..')) continue;
      const to = partOf(target);
      if (to === from) continue;
      arrows.set(to, [...(arrows.get(to) ?? []), `${relative(SRC, file)} -> ${relative(SRC, target)}`]);
    }
  }
  return graph;
}

/** The groups of parts that reach each other through imports: Tarjan's strongly connected components of two or more. */
function cycles(graph: ReadonlyMap<Part, ReadonlyMap<Part, unknown>>): Part[][] {
  const index = new Map<Part, number>();
  const low = new Map<Part, number>();
  const stack: Part[] = [];
  const onStack = new Set<Part>();
  const found: Part[][] = [];
  const visit = (part: Part) => {
    index.set(part, index.size);
    low.set(part, index.get(part) as number);
    stack.push(part);
    onStack.add(part);
    for (const next of graph.get(part)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(part, Math.min(low.get(part) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(part, Math.min(low.get(part) as number, index.get(next) as number));
      }
    }
    if (low.get(part) !== index.get(part)) return;
    const group: Part[] = [];
    let member: Part;
    do {
      member = stack.pop() as Part;
      onStack.delete(member);
      group.push(member);
    } while (member !== part);
    if (group.length > 1) found.push(group.sort());
  };
  for (const part of [...graph.keys()].sort()) if (!index.has(part)) visit(part);
  return found;
}

function graphOf(arrows: Record<Part, Part[]>): PartGraph {
  return new Map(Object.entries(arrows).map(([from, tos]) => [from, new Map(tos.map((to) => [to, []]))]));
}

/** The code files (relative to src/) with a node that `matches`: code only, never a comment or a string. */
function filesWith(matches: (node: ts.Node) => boolean): string[] {
  const hit = (node: ts.Node): boolean => matches(node) || (ts.forEachChild(node, hit) ?? false);
  return codeFiles()
    .filter((file) =>
      hit(ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)),
    )
    .map((file) => relative(SRC, file))
    .sort();
}

describe('the folders of apps/population/src', () => {
  it('finds a loop of folders, also through a third one, and nothing where the arrows run one way', () => {
    expect(cycles(graphOf({ a: ['b'], b: ['a'] }))).toEqual([['a', 'b']]);
    expect(cycles(graphOf({ a: ['b'], b: ['c'], c: ['a', 'd'], d: [] }))).toEqual([['a', 'b', 'c']]);
    expect(cycles(graphOf({ a: ['b', 'c'], b: ['c'], c: [] }))).toEqual([]);
  });

  it('are read from the code: the features import the registry core', () => {
    const graph = partGraph();
    expect(graph.get('births')?.get('registry')).toContain(
      'births/births.service.ts -> registry/resident-records.service',
    );
    expect(graph.get('residents')?.has('duplicates')).toBe(true);
  });

  it('import each other one way only: no folder reaches back to itself', () => {
    const graph = partGraph();
    const loops = cycles(graph).map((group) =>
      group.flatMap((from) => group.flatMap((to) => graph.get(from)?.get(to) ?? [])),
    );
    expect(loops).toEqual([]);
  });

  it('keep the registry core at the bottom: registry/ imports no folder of src/ but common/', () => {
    expect([...(partGraph().get('registry')?.keys() ?? [])]).toEqual(['common']);
  });
});

describe('the way a person enters the registry', () => {
  it('is one: only ResidentRecordsService.register inserts residents rows', () => {
    const insertsResidents = (node: ts.Node) =>
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'insert' &&
      node.arguments.length > 0 &&
      ts.isIdentifier(node.arguments[0]) &&
      node.arguments[0].text === 'Resident';
    expect(filesWith(insertsResidents)).toEqual(['registry/resident-records.service.ts']);
  });

  it('is announced in one place: RESIDENT_REGISTERED_V1 is written by the registry core alone', () => {
    const namesTheEvent = (node: ts.Node) =>
      ts.isIdentifier(node) && node.text === 'RESIDENT_REGISTERED_V1' && !ts.isImportSpecifier(node.parent);
    expect(filesWith(namesTheEvent)).toEqual(['registry/resident-records.service.ts']);
  });
});
