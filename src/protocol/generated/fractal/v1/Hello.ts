// Original file: proto/fractal/v1/fractal.proto


/**
 * The first message on every stream.
 */
export interface Hello {
  /**
   * PROTOCOL_VERSION of the worker, e.g. "fractal.v1/1"; the leader refuses any other.
   */
  'protocol_version'?: (string);
  /**
   * The task's rank in the allocation; -1 asks the leader to choose one (standalone workers).
   */
  'rank'?: (number);
  /**
   * os.hostname() of the worker.
   */
  'host'?: (string);
  /**
   * Threads the worker computes with.
   */
  'threads'?: (number);
  'pid'?: (number);
  /**
   * How many times this worker has had to open a new stream after losing one.
   */
  'reconnects'?: (number);
  /**
   * The job the worker believes it belongs to ("" when unknown); a mismatch is refused.
   */
  'job_id'?: (string);
}

/**
 * The first message on every stream.
 */
export interface Hello__Output {
  /**
   * PROTOCOL_VERSION of the worker, e.g. "fractal.v1/1"; the leader refuses any other.
   */
  'protocol_version': (string);
  /**
   * The task's rank in the allocation; -1 asks the leader to choose one (standalone workers).
   */
  'rank': (number);
  /**
   * os.hostname() of the worker.
   */
  'host': (string);
  /**
   * Threads the worker computes with.
   */
  'threads': (number);
  'pid': (number);
  /**
   * How many times this worker has had to open a new stream after losing one.
   */
  'reconnects': (number);
  /**
   * The job the worker believes it belongs to ("" when unknown); a mismatch is refused.
   */
  'job_id': (string);
}
