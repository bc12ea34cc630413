import { BaseCommand } from '../cli/base-command.js';
import { printable } from '../cli/format.js';
import { lostWorkersWarning } from '../cli/lost-workers.js';
import { pathFlag } from '../cli/path-flags.js';
import { judgeRunOutcome } from '../core/cluster/run-outcome.js';
import type { RunResults } from '../core/metrics/results.js';

export default class Outcome extends BaseCommand {
  static summary = 'Decide a job\'s outcome from what its leader left: exit 0 when the picture and its results are complete.';

  static description = `The job scripts run it when the task launcher (srun, or the local launcher) reports a failed
task: a worker lost on the way fails nothing when the leader re-queued its units and finished the
picture. It then exits 0 with a warning naming the lost ranks; otherwise it exits 5 and says what
is missing.

Exit codes: 0 the run is complete; 3 bad flags or an unreadable results file; 5 the leader did not
finish (no results, or not the PNG they describe).`;

  static examples = [
    { description: 'What a Slurm script runs after srun reports a failed task', command: '<%= config.bin %> <%= command.id %> --results "$PWD/results.json"' },
  ];

  static enableJsonFlag = true;

  static flags = {
    results: pathFlag({ description: 'The results JSON the job\'s leader writes.', default: 'results.json' }),
  };

  async run(): Promise<RunResults> {
    const { flags } = await this.parse(Outcome);
    const results = await judgeRunOutcome({ resultsPath: flags.results });
    const warning = lostWorkersWarning(results.work.lostWorkers);
    if (warning) this.logToStderr(warning);
    this.log(printable(`the run is complete: ${results.image.path} (${results.image.width}×${results.image.height}) and ${flags.results}`));
    return results;
  }
}
