// Why a leader refuses a stream or gives up on a run, in the words the worker and the user see.
import type { StreamStatus } from '../../../protocol/fractal-proto.js';
import type { Hello } from '../../../protocol/messages.js';
import { clusterError, type FractalError } from '../../errors.js';
import { PROTOCOL_VERSION } from '../../version.js';
import { cleanLabel } from '../wire.js';
import type { LeaderRules } from './machine-types.js';
import type { LeaderState, StartOutcome } from './status.js';

/** A Hello this leader cannot take, and why; undefined when it can. */
export const helloRefusal = (
  hello: Hello,
  rules: Pick<LeaderRules, 'jobId' | 'leaderRank' | 'jobSize'>,
): { status: StreamStatus; details: string } | undefined => {
  if (hello.protocol_version !== PROTOCOL_VERSION) {
    const theirs = hello.protocol_version === '' ? '(none)' : cleanLabel(hello.protocol_version, '');
    const details = `protocol version mismatch: this leader speaks ${PROTOCOL_VERSION}, the worker speaks ${theirs}; run the same fractal version on every node`;
    return { status: 'FAILED_PRECONDITION', details };
  }
  if (rules.jobId !== null && hello.job_id !== '' && hello.job_id !== rules.jobId) {
    return { status: 'FAILED_PRECONDITION', details: `this leader runs job ${rules.jobId}, the worker belongs to job ${cleanLabel(hello.job_id, '')}` };
  }
  if (hello.rank === rules.leaderRank) {
    return { status: 'FAILED_PRECONDITION', details: `rank ${hello.rank} is the leader's own rank; workers are ranks 1..${rules.jobSize - 1}` };
  }
  return undefined;
};

export const barrierTimeoutError = (rules: Pick<LeaderRules, 'workersExpected' | 'joinTimeoutMs'>, joined: number, missing: string): FractalError =>
  clusterError('E_BARRIER_TIMEOUT', `only ${joined} of ${rules.workersExpected} workers joined within ${rules.joinTimeoutMs / 1000} s; ${missing} never joined`, [
    'check that every task started and can reach this leader (the scheduler\'s logs of those ranks)',
    joined === 0
      ? 'raise --join-timeout if the workers start slowly'
      : `raise --join-timeout, or pass --min-workers ${joined} to go on with the workers present`,
  ]);

export const allWorkersLostError = (joinTimeoutMs: number, left: number, units: number): FractalError =>
  clusterError(
    'E_ALL_WORKERS_LOST',
    `every worker was lost and none joined again within ${joinTimeoutMs / 1000} s; ${left} of ${units} units were never computed`,
    ['see the lost workers above and the logs of their tasks'],
  );

/** The answer to POST /start: only a waiting leader with a worker in can start. */
export const startOutcome = (phase: LeaderState, alreadyRequested: boolean, joined: number): StartOutcome => {
  if (phase !== 'waiting' || alreadyRequested) return { started: false, state: phase, message: `the render has already started (state ${phase})` };
  if (joined === 0) return { started: false, state: phase, message: 'no worker has joined yet; start workers first' };
  return { started: true, state: 'rendering', message: `rendering with ${joined} worker(s)` };
};
