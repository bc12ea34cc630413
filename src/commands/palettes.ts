import { Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { printable } from '../cli/format.js';
import { pathFlag } from '../cli/path-flags.js';
import { runPalettes, type PalettesReport } from '../core/render/palette-swatch.js';

export default class Palettes extends BaseCommand {
  static summary = 'List the palettes, and optionally write a swatch PNG of them.';

  static description = `The seven palettes of distributed-fractal (from gobrot). Each is built from its seed colours
exactly as the original does; --swatch draws every palette as a horizontal band, as built for --step.`;

  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --swatch palettes.png',
    '<%= config.bin %> <%= command.id %> --json',
  ];

  static enableJsonFlag = true;

  static flags = {
    swatch: pathFlag({ description: 'Write a PNG with one band per palette to this path.' }),
    step: Flags.integer({ description: 'Palette length to build for the swatch (1 to 16777216, as for render).', default: 6000 }),
  };

  async run(): Promise<PalettesReport> {
    const { flags } = await this.parse(Palettes);
    const report = await runPalettes({ swatch: flags.swatch, step: flags.step });
    for (const p of report.palettes) {
      this.log(`${p.name.padEnd(14)} ${String(p.seeds).padStart(2)} seed colours  ${p.seedHex.join(' ')}`);
    }
    if (report.swatch) this.log(`swatch written to ${printable(report.swatch)}`);
    return report;
  }
}
