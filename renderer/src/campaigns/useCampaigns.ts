import { useStore } from 'zustand';
import { api } from '../api/api';
import { showError } from '../common/errors';
import { createCampaignsStore, type CampaignsState } from './campaignsStore';

export const campaignsStore = createCampaignsStore(api, showError);

/** The window's campaign list. */
export function useCampaigns(): CampaignsState {
  return useStore(campaignsStore);
}
