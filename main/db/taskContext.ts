// What a background task on the writer connection gets besides its input; its own module so the tasks
// (in their features) and the runner that lists them do not import each other.
/** What a task is given besides its input. */
export interface TaskContext<Progress> {
  /** Tells the thread that asked how far the task has got. */
  progress(progress: Progress): void;
  /**
   * Awaited between small units of work: lets the thread's other messages in (another task, a close) every few ms,
   * and rejects once the writer closes, so a long task stops between two of its transactions.
   */
  share(): Promise<void>;
}
