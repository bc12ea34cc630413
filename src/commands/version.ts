import { BaseCommand } from '../cli/base-command.js';
import { PROTOCOL_VERSION } from '../core/version.js';

export interface VersionReport {
  fractal: string;
  node: string;
  protocol: string;
  platform: string;
}

export default class Version extends BaseCommand {
  static summary = 'Print the versions of fractal, Node.js and the wire protocol.';

  static description = 'Leader and workers must speak the same protocol version; this is the one this build speaks.';

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json'];

  static enableJsonFlag = true;

  async run(): Promise<VersionReport> {
    await this.parse(Version);
    const report = {
      fractal: this.config.version,
      node: process.version,
      protocol: PROTOCOL_VERSION,
      platform: `${process.platform}-${process.arch}`,
    };
    this.log(`fractal ${report.fractal} (node ${report.node}, protocol ${report.protocol}, ${report.platform})`);
    return report;
  }
}
