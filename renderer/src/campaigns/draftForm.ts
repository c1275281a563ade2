import type { CampaignDraft } from './wizardRules';

/** What each section of the campaign dialog gets: the draft, a way to change it, and a field's error. */
export interface DraftSectionProps {
  draft: CampaignDraft;
  patch(changes: Partial<CampaignDraft>): void;
  errorFor(field: string): string | undefined;
}
