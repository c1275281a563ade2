/** How many analysed calls collected one value of an enum field. */
export interface ValueCount {
  value: string;
  count: number;
}

/** What a campaign's analysed calls found: the success rate, and for each enum field its values' counts. */
export interface AnalysisResults {
  /** Calls analysed (done). */
  analysed: number;
  succeeded: number;
  /** succeeded / analysed; null before any call is analysed. */
  successRate: number | null;
  pending: number;
  failed: number;
  /** Per enum field of the campaign's assistant, every option in its order (0 when never collected). */
  fields: { key: string; description: string; values: ValueCount[] }[];
}
