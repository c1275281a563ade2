import { createStore } from 'zustand/vanilla';
import type { Campaign, CampaignDashboard } from '../../../shared/campaigns/types';
import type { Api } from '../../../shared/contract/createApi';
import type { Page } from '../../../shared/crm/types';

export interface CampaignsState {
  result: Page<Campaign> | null;
  dashboards: Record<string, CampaignDashboard>;
  loading: boolean;
  reload(): Promise<void>;
  /** Copies a campaign's settings, numbers and contacts into a new Draft named `name`; rejects (for the form to show) on failure. */
  duplicate(id: string, name: string): Promise<Campaign>;
  /** Deletes a draft or cancelled campaign; resolves to whether it was deleted. */
  remove(id: string): Promise<boolean>;
}

/** Calls change many times a second while dialing: the list reloads at most this often for them. */
const CALLS_RELOAD_MS = 1000;

/**
 * The campaign list with each row's dashboard, reloaded when main pushes a campaign or call change.
 * Built over any transport (the window's, or an in-memory one in tests); failures go to onError.
 */
export function createCampaignsStore(api: Api, onError: (error: unknown) => void) {
  let requestSeq = 0;
  const store = createStore<CampaignsState>((set, get) => {
    async function act<T>(work: () => Promise<T>, failed: T): Promise<T> {
      try {
        const value = await work();
        await get().reload();
        return value;
      } catch (error) {
        onError(error);
        return failed;
      }
    }
    return {
      result: null,
      dashboards: {},
      loading: false,
      async reload() {
        const seq = ++requestSeq;
        set({ loading: true });
        try {
          const result = await api.invoke('campaigns.list', { limit: 200 });
          const dashboards = await Promise.all(
            result.items.map((c) => api.invoke('campaigns.dashboard', { id: c.id }).catch(() => null)),
          );
          if (seq !== requestSeq) return;
          const byId: Record<string, CampaignDashboard> = {};
          for (const d of dashboards) if (d) byId[d.campaignId] = d;
          set({ result, dashboards: byId, loading: false });
        } catch (error) {
          if (seq === requestSeq) set({ loading: false });
          onError(error);
        }
      },
      async duplicate(id, name) {
        const copy = await api.invoke('campaigns.duplicate', { id, name });
        void get().reload();
        return copy;
      },
      remove: (id) => act(() => api.invoke('campaigns.delete', { id }).then(() => true), false),
    };
  });

  const reload = () => void store.getState().reload();
  api.on('campaigns.changed', reload);
  api.on('campaigns.enrolled', reload);
  let callsTimer: ReturnType<typeof setTimeout> | null = null;
  let lastCallsReload = 0;
  api.on('calls.changed', () => {
    if (callsTimer) return;
    callsTimer = setTimeout(() => {
      callsTimer = null;
      lastCallsReload = Date.now();
      reload();
    }, Math.max(0, lastCallsReload + CALLS_RELOAD_MS - Date.now()));
  });
  return store;
}
