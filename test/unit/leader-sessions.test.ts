// The session table's sum of live credits (the PNG window reads it for every unit handed out): it
// follows every change, counts only each rank's live session, and forgets a session that goes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newAccount, type Account } from '../../src/core/cluster/leader/account.js';
import { SessionTable } from '../../src/core/cluster/leader/sessions.js';

test('liveCredits is the sum of the live sessions\' credits, through joins, changes, replacements and removals', () => {
  const accounts = new Map<number, Account>();
  const table = new SessionTable(accounts);
  const join = (id: number, rank: number) => {
    table.open(id, `peer-${id}`, 0);
    const session = table.get(id)!;
    const account = accounts.get(rank) ?? newAccount(rank, 0);
    accounts.set(rank, account);
    table.join(session, rank, account);
    return session;
  };
  const a = join(1, 1);
  const b = join(2, 2);
  assert.equal(table.liveCredits, 0);
  table.setCredits(a, 8);
  table.setCredits(b, 4);
  assert.equal(table.liveCredits, 12);
  table.setCredits(a, 6);
  assert.equal(table.liveCredits, 10);
  table.remove(b);
  assert.equal(table.liveCredits, 6);
  // a session still saying Hello is not live: its credits do not count
  table.open(3, 'peer-3', 0);
  table.setCredits(table.get(3)!, 5);
  assert.equal(table.liveCredits, 6);
  // a rank's new stream replaces its old one
  table.remove(a);
  const again = join(4, 1);
  table.setCredits(again, 2);
  assert.equal(table.liveCredits, 2);
  const sum = [...table.live.values()].reduce((n, s) => n + s.credits, 0);
  assert.equal(table.liveCredits, sum);
});
