export const PAGES = ['Campaigns', 'Calls', 'Contacts', 'Companies', 'Assistants', 'Phone Numbers', 'DNC Lists', 'Settings'] as const;
export type PageName = (typeof PAGES)[number];

/**
 * Each page's address, kept after the URL's # so that it works the same from the desktop window's file://
 * URL and the headless host (which serves one page): a reload keeps it, and Back and Forward move between them.
 */
export const PAGE_PATH: Record<PageName, string> = {
  Campaigns: '/campaigns',
  Calls: '/calls',
  Contacts: '/contacts',
  Companies: '/companies',
  Assistants: '/assistants',
  'Phone Numbers': '/phone-numbers',
  'DNC Lists': '/dnc-lists',
  Settings: '/settings',
};

/** The page the app opens on. */
export const HOME_PATH = PAGE_PATH.Campaigns;

export const MONITOR_PATH = '/campaigns/:campaignId';

/** The address of one campaign's monitor (ids are URL-safe). */
export const monitorPath = (campaignId: string) => `${PAGE_PATH.Campaigns}/${campaignId}`;

export const CALL_PATH = '/calls/:callId';

/** The address of one call's detail (ids are URL-safe). */
export const callPath = (callId: string) => `${PAGE_PATH.Calls}/${callId}`;

/** Whether `location` is the page's address or one below it (a campaign's monitor is under Campaigns, a call's detail under Calls). */
export const isOnPage = (location: string, page: PageName) => location === PAGE_PATH[page] || location.startsWith(`${PAGE_PATH[page]}/`);
