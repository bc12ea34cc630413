// A results file's run id: when the run started, to the second, and a few random bytes so that two
// runs started in the same second (a sweep's repeats) never share one.
import { randomBytes } from 'node:crypto';

export const newRunId = (startedAt: Date): string => `${startedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
