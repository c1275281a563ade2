import { describe, expect, it } from 'vitest';
import { checkImports, SOURCE_FOLDERS } from './importRules';

describe('the import rules', () => {
  it('hold across main/, shared/, preload/ and renderer/: no cycle, no upward edge, shared/ stands alone, electron only in the shell', async () => {
    const { violations, unresolved } = await checkImports(SOURCE_FOLDERS);
    expect(unresolved).toEqual([]);
    expect(violations).toEqual([]);
  });

  it('name a cycle, type-only imports included', async () => {
    const { violations } = await checkImports(['test/architecture/fixtures/cycle']);
    expect(violations).toContain('no-cycle: test/architecture/fixtures/cycle/a.ts -> test/architecture/fixtures/cycle/b.ts -> test/architecture/fixtures/cycle/a.ts');
  });

  it('name an import that points up the layers', async () => {
    const root = 'test/architecture/fixtures/upward/main';
    const { violations } = await checkImports([root], root);
    expect(violations).toEqual([`features-below-core: ${root}/crm/upward.ts -> ${root}/core.ts`]);
  });
});
