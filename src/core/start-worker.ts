// Starts a worker thread from a sibling module, in the built package (.js) and under tsx (.ts).
// Node 20 does not carry `--import tsx` into worker threads, so a .ts module gets a two-line
// bootstrap that registers tsx in the thread first.
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `from` is the caller's import.meta.url; `name` the module's base name without extension. */
export const startWorker = (from: string, name: string, options: WorkerOptions): Worker => {
  if (!from.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, from), options);
  const target = new URL(`./${name}.ts`, from).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(target)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
};
