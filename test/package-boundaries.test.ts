import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * What dependency-cruiser cannot see: an import of a workspace package resolves through the workspace link
 * whether or not the importing package declares it. Each package must declare every package it imports, so
 * that its package.json tells the truth about what it needs (and what a change to that package may break).
 */
const ROOT = path.resolve(__dirname, '..');
const IMPORT = /(?:from|import|require)\s*\(?\s*'(@verbatim\/[a-z-]+)/g;
/** Files only tests load: they may import what the package declares as a devDependency. */
const TEST_SUPPORT = /\.test(-[a-z-]+)?\.ts$|\/testing(\/|\.ts$)|\/conformance\/|\.conformance\.ts$/;

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const full = path.join(directory, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

function workspaces(): string[] {
  return ['packages', 'services'].flatMap((group) =>
    readdirSync(path.join(ROOT, group)).map((name) => path.join(ROOT, group, name)),
  );
}

function undeclaredImports(workspace: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(workspace, 'package.json'), 'utf8')) as Manifest;
  const runtime = new Set(Object.keys(manifest.dependencies ?? {}));
  const forTests = new Set([...runtime, ...Object.keys(manifest.devDependencies ?? {})]);
  const problems: string[] = [];
  for (const file of sourceFiles(path.join(workspace, 'src'))) {
    const declared = TEST_SUPPORT.test(file) ? forTests : runtime;
    for (const [, imported] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (imported !== manifest.name && !declared.has(imported))
        problems.push(`${path.relative(ROOT, file)} imports ${imported}`);
    }
  }
  return [...new Set(problems)];
}

describe('package manifests', () => {
  it.each(workspaces().map((workspace) => [path.relative(ROOT, workspace), workspace]))(
    '%s declares every workspace package it imports',
    (_name, workspace) => {
      expect(undeclaredImports(workspace)).toEqual([]);
    },
  );
});
