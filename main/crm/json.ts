/** Reads a JSON column written by this app; a damaged value reads as the fallback instead of failing the whole list. */
export function readJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
