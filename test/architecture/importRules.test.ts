import { describe, expect, it } from 'vitest';
import { checkImports, SOURCE_FOLDERS } from './importRules';

describe('the import rules', () => {
  it('hold across main/, shared/, preload/ and renderer/: no cycle, shared/ stands alone, electron only in the shell', async () => {
    const { violations, unresolved } = await checkImports(SOURCE_FOLDERS);
    expect(unresolved).toEqual([]);
    expect(violations).toEqual([]);
  });

  it('name a cycle, type-only imports included', async () => {
    const { violations } = await checkImports(['test/architecture/fixtures/cycle']);
    expect(violations).toContain('no-cycle: test/architecture/fixtures/cycle/a.ts -> test/architecture/fixtures/cycle/b.ts -> test/architecture/fixtures/cycle/a.ts');
  });
});
