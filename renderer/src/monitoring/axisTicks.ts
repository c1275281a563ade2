/**
 * Whole-number ticks for a count axis, from 0 to a round top at or above `max`: evenly spaced by 1, 2 or 5
 * times a power of ten, at most `maxSteps` steps (a count never has a quarter of a call).
 */
export function wholeTicks(max: number, maxSteps = 5): number[] {
  const top = Math.max(1, Math.ceil(max));
  let step = 1;
  while (Math.ceil(top / step) > maxSteps) {
    const magnitude = 10 ** Math.floor(Math.log10(step));
    step = step / magnitude === 1 ? 2 * magnitude : step / magnitude === 2 ? 5 * magnitude : 10 * magnitude;
  }
  return Array.from({ length: Math.ceil(top / step) + 1 }, (_, i) => i * step);
}
