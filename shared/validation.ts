import { z as zod, type z } from 'zod';
import { AppError } from './errors';

/** CR, LF and every other control character (C0, DEL, C1). */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
export const NO_CONTROL_CHARACTERS = 'No control characters (line breaks, tabs and the like)';
export const hasNoControlCharacters = (text: string | null): boolean => text === null || !CONTROL_CHARACTER.test(text);

/** Parses input with a shared schema; on failure throws one AppError naming every bad field. */
/** A JSON object: not null, not an array. */
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw AppError.validation(collectFields(issueFields(result.error.issues)));
}

/**
 * Field -> first message, in an object without a prototype: an unknown field named "constructor"
 * or "__proto__" is reported like any other.
 */
export function collectFields(...lists: Iterable<[string, string]>[]): Record<string, string> {
  const fields = Object.create(null) as Record<string, string>;
  for (const list of lists) for (const [key, message] of list) if (!(key in fields)) fields[key] = message;
  return fields;
}

/** Each issue as (field path, message); an unknown key is named itself. */
export function issueFields(issues: readonly z.core.$ZodIssue[]): [string, string][] {
  return issues.flatMap((issue): [string, string][] => {
    const base = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => [[...base, key].join('.'), 'Unknown field']);
    return [[base.length ? base.join('.') : 'body', issue.message]];
  });
}

/**
 * A patch schema: every field optional, and only the keys the caller sent survive parsing
 * (zod applies defaults and nullish transforms to absent keys, which would overwrite stored values).
 */
export function patchOf<S extends z.ZodObject>(schema: S) {
  const partial = schema.partial();
  return zod
    .looseObject({ id: zod.string({ error: 'id is required' }).min(1, 'id is required') })
    .transform((raw, ctx) => {
      const { id: _id, ...fields } = raw;
      const parsed = partial.safeParse(fields);
      if (!parsed.success) {
        for (const [path, message] of issueFields(parsed.error.issues)) {
          ctx.addIssue({ code: 'custom', message, path: path.split('.') });
        }
        return zod.NEVER;
      }
      const changes: Record<string, unknown> = {};
      for (const key of Object.keys(partial.shape)) {
        if (key in fields) changes[key] = (parsed.data as Record<string, unknown>)[key];
      }
      return { id: raw.id, changes: changes as Partial<z.output<S>> };
    });
}
