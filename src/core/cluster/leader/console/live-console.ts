// The live console's server side: the preview the leader feeds as it accepts rows, and, a few times
// a second while a page is open, one batch of events for every page: the preview rows that changed
// and the leader's status. Each batch is serialised once, whatever the number of pages; with no
// page open the leader only samples rows into the preview. The page itself is console/ (static
// files served as they are; console-assets.ts).
import type { ServerResponse } from 'node:http';
import type { LeaderStatus } from '../status.js';
import { EventStream, formatSseEvent, type SseEvent } from './event-stream.js';
import { Preview, type PreviewBand } from './preview.js';

/** How often open pages are updated. */
export const CONSOLE_UPDATE_MS = 250;

/** How a run ended, as the page shows it. */
export interface ConsoleOutcome {
  state: 'done' | 'failed' | 'interrupted';
  message: string;
  outfile?: string;
  resultsPath?: string;
}

export interface LiveConsole {
  /** Rows rowStart.. of the image were accepted from rank `owner` (or resumed from a checkpoint: -1). */
  rows(rowStart: number, rgba: Uint8Array, owner: number): void;
  /** Takes an HTTP response over as the page's event stream (GET /events). */
  attach(response: ServerResponse): void;
  /** The run is over: every page gets the outcome, its stream ends; later pages get it at once. */
  finish(outcome: ConsoleOutcome): void;
  close(): void;
  /** For the leader's own metrics and the tests. */
  readonly pages: { open: number; dropped: number };
}

const bandEvent = ({ y, height, owners, rgba }: PreviewBand): SseEvent => {
  const base64 = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.length).toString('base64');
  return { event: 'rows', data: JSON.stringify({ y, height, owners, rgba: base64 }) };
};

export interface LiveConsoleOptions {
  image: { width: number; height: number };
  status: () => LeaderStatus;
  updateMs?: number;
}

export const createLiveConsole = (options: LiveConsoleOptions): LiveConsole => {
  const preview = new Preview(options.image);
  const stream = new EventStream();
  let outcome: ConsoleOutcome | null = null;
  const { width, height } = options.image;
  const hello: SseEvent = { event: 'hello', data: JSON.stringify({ image: { width, height }, preview: preview.size }) };
  const statusEvent = (): SseEvent => ({ event: 'status', data: JSON.stringify(options.status()) });
  const outcomeEvent = (o: ConsoleOutcome): SseEvent => ({ event: 'outcome', data: JSON.stringify(o) });

  const update = (): void => {
    const changes = preview.takeChanges();
    // with no page open the changes are dropped: a page that opens later gets the snapshot
    if (stream.size === 0) return;
    stream.broadcast([...changes.map(bandEvent), statusEvent()]);
  };
  const timer = setInterval(update, options.updateMs ?? CONSOLE_UPDATE_MS);
  timer.unref();

  return {
    rows: (rowStart, rgba, owner) => preview.addRows(rowStart, rgba, owner),
    attach(response) {
      const first = [hello, ...preview.snapshot().map(bandEvent), statusEvent()];
      if (outcome) {
        response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
        response.end([...first, outcomeEvent(outcome)].map(formatSseEvent).join(''));
        return;
      }
      stream.attach(response, first);
    },
    finish(given) {
      if (outcome) return;
      outcome = given;
      clearInterval(timer);
      stream.end([...preview.takeChanges().map(bandEvent), statusEvent(), outcomeEvent(given)]);
    },
    close() {
      clearInterval(timer);
      stream.end();
    },
    get pages() {
      return { open: stream.size, dropped: stream.dropped };
    },
  };
};
