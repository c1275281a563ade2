import { useEffect, useState } from 'react';
import type { EntityKind, RequestOf, ResponseOf } from '../../../shared/contract/channels';
import { api } from '../api/api';
import { showError } from './errors';

/** Loads a small list once and again whenever main pushes a change to one of `entities`. */
export function useLiveList<C extends 'assistants.list' | 'phoneNumbers.list' | 'trunks.list'>(
  channel: C,
  request: RequestOf<C>,
  entities: EntityKind[],
): ResponseOf<C> | null {
  const [value, setValue] = useState<ResponseOf<C> | null>(null);
  const key = JSON.stringify(request);
  useEffect(() => {
    const load = () => api.invoke(channel, JSON.parse(key)).then(setValue, showError);
    void load();
    return api.on('crm.changed', (change) => {
      if (entities.includes(change.entity)) void load();
    });
    // keyed on the request's JSON, not its object, and not on `entities`: callers pass fresh literals each render
  }, [channel, key]);
  return value;
}
