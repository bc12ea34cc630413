// A one-line progress indicator for long work on a terminal; silent when output is piped or
// --quiet is given, so logs and CI output stay clean.
export interface Progress {
  update(done: number, total: number): void;
  /** Replaces the line with a message for a step that has no count (e.g. "encoding PNG"). */
  step(message: string): void;
  done(): void;
}

export const createProgress = (label: string, stream: NodeJS.WriteStream, enabled: boolean): Progress => {
  if (!enabled || !stream.isTTY) return { update() {}, step() {}, done() {} };
  const started = performance.now();
  let shown = false;
  return {
    update(done, total) {
      const pct = total > 0 ? Math.floor((done / total) * 100) : 0;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      stream.write(`\r${label} ${String(pct).padStart(3)}% (${done}/${total}) ${seconds}s`);
      shown = true;
    },
    step(message) {
      stream.write(`\r\x1b[K${message}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
};
