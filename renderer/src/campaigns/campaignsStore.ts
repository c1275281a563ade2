import { create } from 'zustand';
import type { Campaign, CampaignDashboard } from '../../../shared/campaigns/types';
import type { Page } from '../../../shared/crm/types';
import { api } from '../api/api';
import { showError } from '../common/errors';

interface CampaignsState {
  result: Page<Campaign> | null;
  dashboards: Record<string, CampaignDashboard>;
  loading: boolean;
  reload(): Promise<void>;
}

let requestSeq = 0;

/** The campaign list with each row's dashboard, reloaded when main pushes a campaign or call change. */
export const useCampaigns = create<CampaignsState>((set) => ({
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
      showError(error);
    }
  },
}));

const reload = () => void useCampaigns.getState().reload();

api.on('campaigns.changed', reload);
api.on('campaigns.enrolled', reload);

// Calls change many times a second while dialing: reload at most once a second.
let callsTimer: ReturnType<typeof setTimeout> | null = null;
let lastCallsReload = 0;
api.on('calls.changed', () => {
  if (callsTimer) return;
  const wait = Math.max(0, lastCallsReload + 1000 - Date.now());
  callsTimer = setTimeout(() => {
    callsTimer = null;
    lastCallsReload = Date.now();
    reload();
  }, wait);
});
