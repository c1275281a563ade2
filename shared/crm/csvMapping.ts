import { z } from 'zod';
import { CUSTOM_PREFIX, customKeyOf } from '../assistants/templates';
import { CSV_CONTACT_FIELDS, type CsvCustomTarget, type CsvMapping } from './csvImport';

const CUSTOM_TARGET = 'custom:';
const FIXED_TARGETS = new Set<string>([...CSV_CONTACT_FIELDS, 'ignore']);

export const customTarget = (key: string): CsvCustomTarget => `${CUSTOM_TARGET}${key}`;

/** The custom field key a target fills, or null for a contact field or 'ignore'. */
export function customFieldOf(target: string): string | null {
  return target.startsWith(CUSTOM_TARGET) ? target.slice(CUSTOM_TARGET.length) : null;
}

/**
 * The custom field key a header becomes: lower-case, accents dropped, every run of characters other than letters
 * and digits one `_`, none at the ends ("Company Notes (internal)" -> company_notes_internal). Such a key is one
 * `{{custom.<key>}}` reads as it stands; a header with no letter or digit is named by its place (column_3).
 */
function customFieldKey(header: string, position: number): string {
  const key = header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
  return key || `column_${position + 1}`;
}

/**
 * Each header's custom field key, distinct from the others' and from `reserved` (keys other columns fill already):
 * a key taken earlier gets the first free suffix, so "Company" and "company" become company and company_2.
 */
export function customFieldKeys(headers: readonly string[], reserved: Iterable<string> = []): Map<string, string> {
  const taken = new Set(reserved);
  const keys = new Map<string, string>();
  headers.forEach((header, position) => {
    if (keys.has(header)) return;
    const base = customFieldKey(header, position);
    let key = base;
    for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
    taken.add(key);
    keys.set(header, key);
  });
  return keys;
}

const TARGETS = `Must be one of ${[...FIXED_TARGETS].join(', ')}, or custom:<key>`;

/** Why a column cannot be mapped to `target`, or null. A custom key follows the template rule for `{{custom.<key>}}`. */
function targetProblem(target: unknown): string | null {
  if (typeof target !== 'string') return TARGETS;
  if (FIXED_TARGETS.has(target)) return null;
  const key = customFieldOf(target);
  if (key === null) return TARGETS;
  return customKeyOf(`${CUSTOM_PREFIX}${key}`) === key ? null : `"${key}" is not a custom field key: it needs a character, no space at either end and none of " \\ { } |`;
}

/**
 * CSV header -> what it fills; two columns cannot fill one custom field (the second is named). Every bad column is
 * named at once, so the targets are checked here rather than by a value schema (which would hide the repeats).
 */
export const csvMapping = z
  .record(z.string(), z.unknown())
  .superRefine((mapping, ctx) => {
    const columnOf = new Map<string, string>();
    for (const [header, target] of Object.entries(mapping)) {
      const fail = (message: string) => ctx.addIssue({ code: 'custom', path: [header], message });
      const problem = targetProblem(target);
      if (problem) {
        fail(problem);
        continue;
      }
      const key = customFieldOf(target as string);
      if (key === null) continue;
      const first = columnOf.get(key);
      if (first === undefined) columnOf.set(key, header);
      else fail(`Column "${first}" fills custom field ${key} already`);
    }
  })
  .transform((mapping) => mapping as CsvMapping);
