import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callsQueryOf, NO_FILTERS, OUTCOME_OPTIONS } from '../../renderer/src/calls/callFilters';

let zone: string | undefined;
beforeEach(() => {
  zone = process.env.TZ;
  // the viewer's days are New York's, which lose an hour on 2026-03-08
  process.env.TZ = 'America/New_York';
});
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('the Calls page filters as a calls query', () => {
  it('asks for everything with no filter, and names campaign and outcome when chosen', () => {
    expect(callsQueryOf(NO_FILTERS)).toEqual({ query: {}, errors: {} });
    expect(callsQueryOf({ ...NO_FILTERS, campaignId: 'cmp_1', outcome: 'transferred' }).query).toEqual({ campaignId: 'cmp_1', outcome: 'transferred' });
  });

  it('runs from the first day’s local midnight to the midnight after the last day, however long that day is', () => {
    expect(callsQueryOf({ ...NO_FILTERS, fromDate: '2026-03-08', toDate: '2026-03-08' }).query).toEqual({ from: '2026-03-08T05:00:00.000Z', to: '2026-03-09T04:00:00.000Z' });
    expect(callsQueryOf({ ...NO_FILTERS, toDate: '2026-12-31' }).query).toEqual({ to: '2027-01-01T05:00:00.000Z' });
  });

  it('asks nothing while the last day is before the first, and says so on To', () => {
    expect(callsQueryOf({ ...NO_FILTERS, fromDate: '2026-03-09', toDate: '2026-03-08' })).toEqual({ query: null, errors: { toDate: 'Must be on or after From' } });
  });

  it('offers every outcome, transferred among them', () => {
    expect(OUTCOME_OPTIONS).toContainEqual({ value: 'transferred', label: 'Transferred' });
    expect(OUTCOME_OPTIONS).toHaveLength(9);
  });
});
