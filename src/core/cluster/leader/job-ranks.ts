// Ranks as the leader speaks of them: which are missing at the barrier, on which host each runs,
// which rank a standalone worker gets.
import { parseHostlist } from '../hostlist.js';
import { formatRankList } from '../rank-list.js';
import type { Account } from './account.js';
import type { LeaderRules } from './machine-types.js';

/** Missing ranks are named with their hosts up to this many; a longer list is summarised. */
const RANKS_NAMED = 20;

/** The worker ranks 1..N (skipping the leader's) that have no live stream. */
export const missingRanks = (rules: Pick<LeaderRules, 'workersExpected' | 'leaderRank'>, live: ReadonlyMap<number, unknown>): number[] => {
  const missing: number[] = [];
  for (let rank = 0; rank < rules.workersExpected + 1 && missing.length < rules.workersExpected; rank++) {
    if (rank !== rules.leaderRank && !live.has(rank)) missing.push(rank);
  }
  return missing;
};

/** A standalone worker (rank -1) gets the lowest rank nobody has used. */
export const freeRank = (leaderRank: number, accounts: ReadonlyMap<number, Account>, live: ReadonlyMap<number, unknown>): number => {
  let rank = 0;
  while (rank === leaderRank || accounts.has(rank) || live.has(rank)) rank++;
  return rank;
};

export interface JobRanks {
  /** With one task per node, rank r runs on the r-th host of the job's host list. */
  hostOf(rank: number): string | undefined;
  /** "rank 2 (n3)", "ranks 2 (n3), 4 (n5)", or a long list shortened. */
  describeMissing(missing: number[]): string;
}

export const createJobRanks = (rules: Pick<LeaderRules, 'nodeList' | 'jobSize'>): JobRanks => {
  // the host list is expanded once, when a message first needs it
  let hosts: string[] | null | undefined;
  const hostOf = (rank: number): string | undefined => {
    if (hosts === undefined) {
      hosts = null;
      try {
        const all = rules.nodeList === null ? [] : parseHostlist(rules.nodeList);
        if (all.length === rules.jobSize) hosts = all;
      } catch {
        // a host list this leader cannot read names no hosts
      }
    }
    return hosts?.[rank];
  };
  return {
    hostOf,
    describeMissing(missing) {
      const named =
        missing.length <= RANKS_NAMED
          ? missing.map((rank) => {
              const host = hostOf(rank);
              return host === undefined ? `${rank}` : `${rank} (${host})`;
            })
          : [formatRankList(missing)];
      return `rank${missing.length === 1 ? '' : 's'} ${named.join(', ')}`;
    },
  };
};
