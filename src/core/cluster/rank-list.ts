// Ranks in messages: `1, 3, 5–9`, never a million numbers. A leader that waited for 65,536 workers
// and saw none must say so in one line (it once printed a 7.9 MB message listing every rank).

/** Pieces shown before the rest is counted: enough for any list a person reads. */
export const MAX_RANK_PIECES = 16;

/**
 * Sorted, without repeats; three or more consecutive ranks as a range (`5–9`, with an en dash);
 * after MAX_RANK_PIECES pieces the rest is counted: `1, 3, 5, … and 4,990 more (5,000 ranks)`.
 */
export const formatRankList = (ranks: readonly number[], maxPieces = MAX_RANK_PIECES): string => {
  const sorted = [...new Set(ranks)].sort((a, b) => a - b);
  const pieces: string[] = [];
  let shown = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    if (pieces.length === maxPieces) break;
    if (j - i >= 2) {
      pieces.push(`${sorted[i]}–${sorted[j]}`);
    } else {
      j = i;
      pieces.push(String(sorted[i]));
    }
    shown += j - i + 1;
    i = j + 1;
  }
  const rest = sorted.length - shown;
  if (rest === 0) return pieces.join(', ');
  return `${pieces.join(', ')}, … and ${count(rest)} more (${count(sorted.length)} ranks)`;
};

// made on first use: an Intl formatter costs every process that loads this module ~15 ms of start-up
let counter: Intl.NumberFormat | undefined;
const count = (n: number): string => (counter ??= new Intl.NumberFormat('en-US')).format(n);
