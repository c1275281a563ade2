import { create } from 'zustand';
import type { CallSeries, Campaign, CampaignContact, CampaignDashboard } from '../../../shared/campaigns/types';
import type { Page } from '../../../shared/crm/types';
import { AppError } from '../../../shared/errors';
import { api } from '../api/api';
import { showError } from '../common/errors';

export const QUEUE_PAGE_SIZE = 25;

interface MonitorState {
  campaignId: string | null;
  campaign: Campaign | null;
  dashboard: CampaignDashboard | null;
  series: CallSeries | null;
  queue: Page<CampaignContact> | null;
  queueOffset: number;
  /** No such campaign (deleted, or an address typed or kept from elsewhere). */
  missing: boolean;
  open(campaignId: string): void;
  close(): void;
  setQueueOffset(offset: number): void;
  reload(): Promise<void>;
}

let requestSeq = 0;

/** The one campaign being watched: its settings, dashboard, calls over time and a page of its queue, reloaded on pushes. */
export const useMonitor = create<MonitorState>((set, get) => ({
  campaignId: null,
  campaign: null,
  dashboard: null,
  series: null,
  queue: null,
  queueOffset: 0,
  missing: false,
  open(campaignId) {
    requestSeq++;
    set({ campaignId, campaign: null, dashboard: null, series: null, queue: null, queueOffset: 0, missing: false });
    void get().reload();
  },
  close() {
    requestSeq++;
    set({ campaignId: null, campaign: null, dashboard: null, series: null, queue: null, queueOffset: 0, missing: false });
  },
  setQueueOffset(offset) {
    set({ queueOffset: offset });
    void get().reload();
  },
  async reload() {
    const { campaignId: id, queueOffset } = get();
    if (!id) return;
    const seq = ++requestSeq;
    try {
      const [campaign, dashboard, series, queue] = await Promise.all([
        api.invoke('campaigns.get', { id }),
        api.invoke('campaigns.dashboard', { id }),
        api.invoke('campaigns.callSeries', { id }),
        api.invoke('campaigns.contacts', { id, limit: QUEUE_PAGE_SIZE, offset: queueOffset }),
      ]);
      if (seq !== requestSeq) return;
      set({ campaign, dashboard, series, queue });
    } catch (error) {
      if (seq !== requestSeq) return;
      if (error instanceof AppError && error.code === 'not_found') set({ missing: true });
      else showError(error);
    }
  },
}));

// Pushes arrive many times a second while dialing: reload at most once a second.
let timer: ReturnType<typeof setTimeout> | null = null;
let lastReload = 0;
function scheduleReload(payload: { campaignId: string }) {
  if (payload.campaignId !== useMonitor.getState().campaignId || timer) return;
  const wait = Math.max(0, lastReload + 1000 - Date.now());
  timer = setTimeout(() => {
    timer = null;
    lastReload = Date.now();
    void useMonitor.getState().reload();
  }, wait);
}

api.on('calls.changed', scheduleReload);
api.on('campaigns.changed', scheduleReload);
api.on('campaigns.enrolled', scheduleReload);
