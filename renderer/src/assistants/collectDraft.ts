import type { CollectField, CollectType } from '../../../shared/analysis/collect';

/** One field to collect as the form edits it: the enum's options as typed, comma-separated; no mapping as ''. */
export interface CollectDraft {
  key: string;
  type: CollectType;
  description: string;
  options: string;
  mapTo: string;
}

export const NEW_COLLECT_FIELD: CollectDraft = { key: '', type: 'text', description: '', options: '', mapTo: '' };

export const collectDraftOf = (fields: readonly CollectField[] = []): CollectDraft[] =>
  fields.map((field) => ({ key: field.key, type: field.type, description: field.description, options: field.options.join(', '), mapTo: field.mapTo ?? '' }));

/** The fields as the API takes them: options only for an enum, split at commas; main checks the rest and names each bad one. */
export const collectRequest = (fields: readonly CollectDraft[]) =>
  fields.map(({ options, mapTo, ...field }) => ({
    ...field,
    ...(field.type === 'enum' ? { options: options.split(',').map((o) => o.trim()).filter(Boolean) } : {}),
    mapTo: mapTo.trim() || null,
  }));
