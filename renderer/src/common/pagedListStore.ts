import { create } from 'zustand';
import type { EntityKind, RequestOf, ResponseOf } from '../../../shared/contract/channels';
import { api } from '../api/api';
import { showError } from './errors';

type ListChannel = 'companies.list' | 'contacts.list';

interface PagedListState<C extends ListChannel> {
  query: RequestOf<C>;
  result: ResponseOf<C> | null;
  loading: boolean;
  /** Changes filters; any change but the offset goes back to the first page. */
  setQuery(patch: Partial<RequestOf<C>>): void;
  reload(): Promise<void>;
}

/** A list that pages on the main side and reloads itself when main pushes a change to its entity. */
export function createPagedListStore<C extends ListChannel>(channel: C, entity: EntityKind, initial: RequestOf<C> & { limit: number }) {
  let requestSeq = 0;
  const store = create<PagedListState<C>>((set, get) => ({
    query: { ...initial, offset: 0 },
    result: null,
    loading: false,
    setQuery(patch) {
      const offset = 'offset' in patch ? (patch.offset as number) : 0;
      set({ query: { ...get().query, ...patch, offset } });
      void get().reload();
    },
    async reload() {
      const seq = ++requestSeq;
      set({ loading: true });
      try {
        const result = await api.invoke(channel, get().query);
        if (seq === requestSeq) set({ result, loading: false });
      } catch (error) {
        if (seq === requestSeq) set({ loading: false });
        showError(error);
      }
    },
  }));
  api.on('crm.changed', (change) => {
    if (change.entity === entity || (entity === 'company' && change.entity === 'contact')) void store.getState().reload();
  });
  return store;
}
