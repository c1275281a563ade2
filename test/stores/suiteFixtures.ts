import { afterEach, beforeEach } from 'vitest';

/** The teams the store suites act for: an engine's runner has them exist before it hands a store over. */
export const STORE_TEAMS = ['team_store_a', 'team_store_b'] as const;

/** Each test of a suite gets a fixture of its own: opened before it (and handed to `use`), closed after it. */
export function freshFixtureEach<F extends { close(): Promise<void> }>(open: () => Promise<F>, use: (fixture: F) => void): void {
  let fixture: F;
  beforeEach(async () => use((fixture = await open())));
  afterEach(() => fixture.close());
}
