import { BaseCommand } from '../cli/base-command.js';
import { kernelFromEnvironment } from '../cli/kernel-environment.js';
import type { KernelName } from '../core/render/kernel-choice.js';
import { PROTOCOL_VERSION } from '../core/version.js';

export interface VersionReport {
  fractal: string;
  node: string;
  protocol: string;
  platform: string;
  /** The escape-time kernel a render here uses: kind and instruction set (FRACTAL_KERNEL's, if set). */
  kernel: KernelName;
  /** Every kernel this machine runs, fastest first. */
  kernels: KernelName[];
  /** The native addon's file, or null where it did not load. */
  nativeAddon: string | null;
  /** Why the native kernel is not used, when fractal chose another by itself. */
  kernelFallback: string | null;
}

export default class Version extends BaseCommand {
  static summary = 'Print the versions of fractal, Node.js and the wire protocol, and the kernel a render uses here.';

  static description = `Leader and workers must speak the same protocol version; this is the one this build speaks.
The kernel is the one \`fractal render\` and the workers would compute with on this machine: the
native SIMD kernel's best instruction set (native-avx512, native-avx2, native-sse2, native-neon,
native-scalar), else WebAssembly (wasm-simd) or plain JavaScript (js-scalar); FRACTAL_KERNEL forces one.`;

  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --json',
    { description: 'The kernel a forced choice gives (an error where it cannot run)', command: 'FRACTAL_KERNEL=wasm <%= config.bin %> <%= command.id %>' },
  ];

  static enableJsonFlag = true;

  async run(): Promise<VersionReport> {
    await this.parse(Version);
    const selection = kernelFromEnvironment(process.env, this.jsonEnabled() ? null : (line) => this.logToStderr(line));
    const report = {
      fractal: this.config.version,
      node: process.version,
      protocol: PROTOCOL_VERSION,
      platform: `${process.platform}-${process.arch}`,
      kernel: selection.kernel,
      kernels: selection.available,
      nativeAddon: selection.nativeFile,
      kernelFallback: selection.fallback,
    };
    this.log(`fractal ${report.fractal} (node ${report.node}, protocol ${report.protocol}, ${report.platform}, kernel ${report.kernel})`);
    return report;
  }
}
