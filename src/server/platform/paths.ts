/**
 * Where the installed package is: the nearest directory above this module holding Luoshi's package.json. Found by
 * walking up rather than by a fixed number of `..`, because the same code runs from src/ (tsx, tests) and from the
 * flat bundle in dist/node (bin/luoshi).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string };
      if (pkg.name === 'luoshi') return dir;
    }
    if (dirname(dir) === dir) throw new Error(`Luoshi's package.json was not found above ${from}`);
  }
}

export const PACKAGE_ROOT: string = findPackageRoot(import.meta.dirname);
