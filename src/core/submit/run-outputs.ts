// The names a run directory reserves for itself, and the check that --outfile takes none of
// them: the script, the options, the token, the logs, the results, the rendezvous file the
// leader writes there, the local tasks' logs, the sweep's own file, and the directories.
import { join } from 'node:path';
import { rendezvousPath } from '../cluster/rendezvous.js';
import { checkDistinctPaths, type NamedPath } from '../files/distinct-paths.js';
import type { RunPaths } from './build-job-script.js';
import { RUN_FILES } from './run-directory.js';
import type { SubmitScheduler } from './schedulers.js';

export interface RunOutputsInput {
  paths: RunPaths;
  scheduler: SubmitScheduler;
  tasks: number;
  /** The directory of the sweep this run is a point of. */
  sweepDir: string | null;
  /** --outfile as the user gave it, for the message. */
  outfile: string;
  /** A user's --template: the job must not overwrite it. */
  template: string | null;
  cwd: string;
}

export const checkRunOutputs = (input: RunOutputsInput): void => {
  const { paths } = input;
  const own = (name: string): NamedPath => ({ what: `the run directory's ${name}`, path: join(paths.runDir, name) });
  const outputs: NamedPath[] = [
    { what: `--outfile ${input.outfile}`, path: paths.outfile },
    { what: 'the run directory itself', path: paths.runDir },
    own(RUN_FILES.script),
    own(RUN_FILES.log),
    own(RUN_FILES.token),
    own(RUN_FILES.submission),
    { what: `the run directory's ${RUN_FILES.results} (the leader's results JSON)`, path: paths.results },
    { what: 'the rendezvous file the leader writes in the run directory', path: rendezvousPath(paths.runDir) },
    // templates/local.sh logs task RANK to task-RANK.log
    ...(input.scheduler === 'local' ? Array.from({ length: input.tasks }, (_, rank) => own(`task-${rank}.log`)) : []),
    ...(input.sweepDir === null
      ? []
      : [
          { what: 'the sweep directory', path: input.sweepDir },
          { what: `the sweep's ${RUN_FILES.sweep}`, path: join(input.sweepDir, RUN_FILES.sweep) },
        ]),
  ];
  checkDistinctPaths({ outputs, inputs: input.template === null ? [] : [{ what: `--template ${input.template}`, path: input.template }] }, input.cwd);
};
