import { create } from 'zustand';

export const PAGES = ['Campaigns', 'Contacts', 'Companies', 'Assistants', 'Phone Numbers', 'DNC Lists', 'Settings'] as const;
export type PageName = (typeof PAGES)[number];

interface NavigationState {
  page: PageName;
  go(page: PageName): void;
}

export const useNavigation = create<NavigationState>((set) => ({
  page: 'Contacts',
  go: (page) => set({ page }),
}));
