// The job script template a submission renders: the scheduler's built-in one or the user's
// --template, read only if it is a regular file of a sane size (a FIFO would block the read).
import { join } from 'node:path';
import { FractalError, inputError } from '../errors.js';
import { readRegularFile } from '../files/read-regular-file.js';
import type { TemplateSource } from './render-template.js';
import { absolutePath } from './run-directory.js';
import { SCHEDULER_INFO, type SubmitScheduler } from './schedulers.js';

/** A job script is a page or two; a megabyte is not a template. */
const MAX_TEMPLATE_BYTES = 1024 * 1024;

export interface TemplateChoice {
  templatesDir: string;
  scheduler: SubmitScheduler;
  /** --template as given; null for the built-in one. */
  template: string | null;
  cwd: string;
}

export const readTemplate = async (options: TemplateChoice): Promise<TemplateSource> => {
  const builtIn = join(options.templatesDir, SCHEDULER_INFO[options.scheduler].template);
  const path = options.template === null ? builtIn : absolutePath(options.cwd, options.template);
  try {
    const bytes = await readRegularFile(path, { maxBytes: MAX_TEMPLATE_BYTES, label: `the template ${options.template ?? path}` });
    return { text: bytes.toString('utf8'), path: options.template ?? path };
  } catch (error) {
    if (error instanceof FractalError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw inputError('E_TEMPLATE_READ', `cannot read the template ${options.template ?? path}: ${why}`, [
      options.template === null
        ? 'the built-in templates ship in the package\'s templates/ folder; reinstall fractal'
        : `start from a built-in one: templates/${SCHEDULER_INFO[options.scheduler].template}`,
    ], error);
  }
};
