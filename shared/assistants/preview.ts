import { CAMPAIGN_DEFAULTS } from '../campaigns/schemas';
import { contactTimeZone, type TemplateContact, type TemplateContext } from './templates';

/** A contact as the assistant form's preview renders the templates for it. */
export interface PreviewContact {
  contact: TemplateContact;
  company: string;
  /** Its own zone, else the '|'-joined zones of its number; null when neither is known. */
  zoneKey: string | null;
}

/** No campaign yet: {{campaign}} shows where its name goes. */
export const PREVIEW_CAMPAIGN = '[campaign name]';

/** The context a preview renders with: the contact now, in its zone (else the default campaign zone), for the assistant as named so far. */
export function previewContext({ contact, company, zoneKey }: PreviewContact, assistant: string, at: number): TemplateContext {
  return { contact, company, campaign: PREVIEW_CAMPAIGN, assistant: assistant.trim() || null, timeZone: contactTimeZone(zoneKey, CAMPAIGN_DEFAULTS.callWindowTimezone), at };
}
