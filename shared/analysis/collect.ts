import { z } from 'zod';
import { LEAD_STATUSES } from '../crm/leadStatus';

export const COLLECT_TYPES = ['text', 'number', 'boolean', 'enum'] as const;
export type CollectType = (typeof COLLECT_TYPES)[number];

export const FIELD_KEY = /^[a-z][a-z0-9_]*$/;
/** Where a collected value may be written on the contact: its lead status (from an enum) or one custom field. */
const MAP_TO = /^(leadStatus|custom\.[A-Za-z0-9_]{1,64})$/;

const word = (label: string, max: number) =>
  z.string({ error: `${label} is required` }).trim().min(1, `${label} is required`).max(max, `At most ${max} characters`);

/** One thing the post-call analysis reads out of the conversation. */
export const collectField = z
  .object({
    key: z.string({ error: 'Key is required' }).trim().regex(FIELD_KEY, 'Lower-case letters, digits and _, starting with a letter'),
    type: z.enum(COLLECT_TYPES, { error: `Must be one of ${COLLECT_TYPES.join(', ')}` }),
    description: z.string({ error: 'Must be text' }).trim().max(500, 'At most 500 characters').default(''),
    options: z.array(word('Option', 100), { error: 'Must be a list of options' }).max(50, 'At most 50 options').optional(),
    mapTo: z
      .string({ error: 'Must be text' })
      .regex(MAP_TO, 'Must be leadStatus or custom.<key>')
      .nullish()
      .transform((s) => s ?? null),
  })
  .superRefine((field, ctx) => {
    if (field.type === 'enum' && !field.options?.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'An enum needs its options' });
    if (field.type === 'enum' && field.options && new Set(field.options).size !== field.options.length) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'Options must differ' });
    }
    if (field.mapTo === 'leadStatus' && field.type !== 'enum') ctx.addIssue({ code: 'custom', path: ['mapTo'], message: 'Only an enum can set the lead status' });
    const notStatuses = field.mapTo === 'leadStatus' ? (field.options ?? []).filter((o) => !(LEAD_STATUSES as readonly string[]).includes(o)) : [];
    if (notStatuses.length) ctx.addIssue({ code: 'custom', path: ['options'], message: `Not lead statuses: ${notStatuses.join(', ')} (${LEAD_STATUSES.join(', ')})` });
  })
  .transform(({ options, ...field }) => ({ ...field, options: field.type === 'enum' ? (options ?? []) : [] }));
export type CollectField = z.output<typeof collectField>;

/** Each key used once; it reads the raw list, so it also runs when other fields are bad and one answer names every mistake. */
const uniqueKeys = z.superRefine((fields: unknown[], ctx) => {
  const seen = new Set<string>();
  fields.forEach((field, at) => {
    const key = typeof field === 'object' && field !== null ? (field as { key?: unknown }).key : undefined;
    if (typeof key !== 'string') return;
    if (seen.has(key.trim())) ctx.addIssue({ code: 'custom', path: [at, 'key'], message: `"${key.trim()}" is used twice` });
    seen.add(key.trim());
  });
});
// zod skips a check once an element failed to parse, unless the check says when it still runs
uniqueKeys._zod.def.when = (payload) => Array.isArray(payload.value);

/** What an assistant collects. */
export const collectFields = z.array(collectField, { error: 'Must be a list of fields' }).max(30, 'At most 30 fields').check(uniqueKeys).default([]);

/** The zod schema of one collected value; null when the conversation did not say. */
function valueSchema(field: CollectField) {
  const value =
    field.type === 'enum'
      ? z.enum(field.options as [string, ...string[]])
      : field.type === 'number'
        ? z.number()
        : field.type === 'boolean'
          ? z.boolean()
          : z.string();
  return value.nullable().describe(field.description || field.key);
}

/**
 * What the model must answer for a call: a summary, whether the success criterion was met, and each field.
 * Built from the assistant's fields, so the JSON schema the model gets and the check of its answer are one thing.
 */
export function analysisOutput(fields: readonly CollectField[]) {
  return z.strictObject({
    summary: z.string().describe('Two or three sentences on what happened on the call'),
    success: z.boolean().describe('Whether the success criterion was met'),
    fields: z.strictObject(Object.fromEntries(fields.map((field) => [field.key, valueSchema(field)]))),
  });
}
export type AnalysisOutput = z.output<ReturnType<typeof analysisOutput>>;
export type FieldValue = string | number | boolean | null;

export const ANALYSIS_STATES = ['pending', 'done', 'failed'] as const;
export type AnalysisState = (typeof ANALYSIS_STATES)[number];

/** A call's analysis as the API and UI show it. */
export interface CallAnalysis {
  state: AnalysisState;
  summary: string | null;
  success: boolean | null;
  fields: Record<string, FieldValue>;
  /** Why it failed (the last attempt's reason while it is retried). */
  error: string | null;
  attempts: number;
}
