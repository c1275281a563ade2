/**
 * Where a DNC file's numbers are written; every engine implements it on its own writer (the import runs where it
 * cannot hold up live calls). Instants are UTC ms.
 */
export interface DncImportStore {
  /** An empty list of the team, made at `at`, that the import fills. */
  createList(teamId: string, listId: string, name: string, at: number): Promise<void>;
  /**
   * Puts a batch of numbers (E.164, each once) on the team's list as added at `at`, in one transaction, so a cut-off
   * import keeps whole batches; returns how many were not on it already.
   */
  addNumbers(teamId: string, listId: string, numbers: readonly string[], at: number): Promise<number>;
  /** The list changed at `at`: told once its numbers are all in. */
  touchList(teamId: string, listId: string, at: number): Promise<void>;
}
