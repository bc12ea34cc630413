// "Something changed: look again." Any number of waiters, each with its own condition, each
// re-checked on every notify() and settled once: none can replace another or be forgotten.

export interface ChangeSignal {
  notify(): void;
  /**
   * Resolves once `done()` returns true, re-checked at once and after every notify(); rejects with
   * whatever `done()` throws (how a waiter learns that the run failed).
   */
  until(done: () => boolean): Promise<void>;
  /** Waiters not yet settled. */
  readonly waiting: number;
}

export const createChangeSignal = (): ChangeSignal => {
  const waiters = new Set<() => void>();
  return {
    notify() {
      // a waiter settled by this round removes itself; one added by it waits for the next round
      for (const check of [...waiters]) check();
    },
    until(done) {
      return new Promise<void>((resolve, reject) => {
        const check = (): void => {
          let finished: boolean;
          try {
            finished = done();
          } catch (error) {
            waiters.delete(check);
            reject(error instanceof Error ? error : new Error(String(error)));
            return;
          }
          if (!finished) return;
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      });
    },
    get waiting() {
      return waiters.size;
    },
  };
};
