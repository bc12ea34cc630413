// Writes the message types of proto/fractal/v1/fractal.proto to src/protocol/generated/ (or the
// folder given as the first argument) with @grpc/proto-loader's own generator, run with the same
// loader options the program decodes with, so the types say exactly what a decoded message holds.
// `npm run proto:types` rewrites them; test/unit/proto-types.test.ts fails when they are stale.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { PROTO_LOADER_OPTIONS } from '../src/protocol/fractal-proto.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = process.argv[2] ?? `${root}src/protocol/generated`;
const generator = createRequire(import.meta.url).resolve('@grpc/proto-loader/build/bin/proto-loader-gen-types.js');

const optionFlags = Object.entries(PROTO_LOADER_OPTIONS).map(([name, value]) =>
  value === true ? `--${name}` : `--${name}=${typeof value === 'function' ? value.name : String(value)}`,
);

rmSync(outDir, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [generator, ...optionFlags, '--includeComments', '--importFileExtension=.js', '-O', outDir, 'proto/fractal/v1/fractal.proto'],
  { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
);
