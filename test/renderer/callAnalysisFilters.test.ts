import { describe, expect, it } from 'vitest';
import { callsQueryOf, NO_FILTERS } from '../../renderer/src/calls/callFilters';

describe('the Calls page’s analysis filters', () => {
  it('ask for success and for one field’s value', () => {
    expect(callsQueryOf({ ...NO_FILTERS, success: 'false', field: ' interest ', value: ' qualified ' }).query).toEqual({ success: false, field: 'interest', value: 'qualified' });
  });

  it('need both halves of a field filter and a key as assistants name them', () => {
    expect(callsQueryOf({ ...NO_FILTERS, field: 'interest' })).toEqual({ query: null, errors: { value: 'Give the value to find' } });
    expect(callsQueryOf({ ...NO_FILTERS, value: 'qualified' })).toEqual({ query: null, errors: { field: 'Give the field the value is of' } });
    expect(callsQueryOf({ ...NO_FILTERS, field: 'Lead Status', value: 'x' }).errors).toEqual({ field: 'A field key such as interest' });
  });
});
