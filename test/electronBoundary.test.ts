import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const IMPORTS_ELECTRON = /(from\s+['"](electron|electron-store)['"])|(require\(\s*['"](electron|electron-store)['"]\s*\))|(import\(\s*['"](electron|electron-store)['"]\s*\))/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

describe('the Electron boundary', () => {
  it('lets only main/electron/ and the preload import electron or electron-store', () => {
    const offenders = ['main', 'shared', 'renderer', 'test']
      .flatMap(sourceFiles)
      .filter((file) => !file.startsWith(join('main', 'electron')) && file !== join('test', 'electronBoundary.test.ts'))
      .filter((file) => IMPORTS_ELECTRON.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('would notice an offender', () => {
    expect(IMPORTS_ELECTRON.test("import { app } from 'electron';")).toBe(true);
    expect(IMPORTS_ELECTRON.test("const Store = require('electron-store');")).toBe(true);
    expect(IMPORTS_ELECTRON.test("import { x } from 'electron-vite';")).toBe(false);
  });
});
