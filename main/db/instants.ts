/** Instants are stored as UTC epoch ms and leave the core as ISO-8601 strings. */
export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** createdAt / updatedAt of a row, as ISO strings. */
export function stamps(row: { createdAt: number; updatedAt: number }): { createdAt: string; updatedAt: string } {
  return { createdAt: iso(row.createdAt), updatedAt: iso(row.updatedAt) };
}
