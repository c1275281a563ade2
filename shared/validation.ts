import { z as zod, type z } from 'zod';
import { AppError } from './errors';

/** Parses input with a shared schema; on failure throws one AppError naming every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.join('.') : 'body';
    fields[key] ??= issue.message;
  }
  throw AppError.validation(fields);
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
      const parsed = partial.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
        }
        return zod.NEVER;
      }
      const changes: Record<string, unknown> = {};
      for (const key of Object.keys(partial.shape)) {
        if (key in raw) changes[key] = (parsed.data as Record<string, unknown>)[key];
      }
      return { id: raw.id, changes: changes as Partial<z.output<S>> };
    });
}
