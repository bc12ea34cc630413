// The base of the commands that hold network peers (leader, worker, run).
// A peer that is stopped (SIGSTOP, a hung node) keeps its TCP connection half-closed, and Node
// keeps the process alive for it even after gRPC's forceShutdown. When such a command's work is
// done, an unref'd timer makes sure the process ends anyway: it never holds the process up, it
// only fires if something else still does.
import { BaseCommand } from './base-command.js';

export const EXIT_GRACE_MS = 1000;

export abstract class NetworkCommand extends BaseCommand {
  protected async finally(error: Error | undefined): Promise<unknown> {
    setTimeout(() => process.exit(), EXIT_GRACE_MS).unref();
    return super.finally(error);
  }
}
