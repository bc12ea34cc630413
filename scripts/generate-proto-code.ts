// Writes what proto/fractal/v1/fractal.proto becomes in code to src/protocol/generated/ (or the
// folder given as the first argument):
//  - the message types, with @grpc/proto-loader's own generator, run with the loader options the
//    program decodes with, so the types say exactly what a decoded message holds;
//  - the codec, protobufjs's static code (pbjs): every task encodes and decodes with it, instead of
//    parsing the .proto and generating the same functions at start-up (about 100 ms of CPU in
//    every task, before its first unit).
// `npm run proto:generate` rewrites both; test/unit/proto-code.test.ts fails when they are stale.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROTO_DECODE_OPTIONS } from '../src/protocol/decode-options.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = process.argv[2] ?? `${root}src/protocol/generated`;
const resolve = createRequire(import.meta.url).resolve;
const PROTO = 'proto/fractal/v1/fractal.proto';
const run = (script: string, args: string[]): void => {
  execFileSync(process.execPath, [resolve(script), ...args], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
};

const optionFlags = Object.entries(PROTO_DECODE_OPTIONS).map(([name, value]) =>
  value === true ? `--${name}` : `--${name}=${typeof value === 'function' ? value.name : String(value)}`,
);

rmSync(outDir, { recursive: true, force: true });
run('@grpc/proto-loader/build/bin/proto-loader-gen-types.js', [...optionFlags, '--includeComments', '--importFileExtension=.js', '-O', outDir, PROTO]);
const codecPath = join(outDir, 'fractal-codec.js');
// encode, decode and the object conversions (toObject applies the decode options); no verify:
// fromObject checks what it converts, and a peer's bytes are checked by the code that reads them
run('protobufjs-cli/bin/pbjs', [
  ...['-t', 'static-module', '-w', 'es6', '--keep-case'],
  ...['--no-verify', '--no-delimited', '--no-typeurl', '--no-create', '--no-comments', '--no-service'],
  ...['-o', codecPath, PROTO],
]);
// pbjs's ES6 wrapper imports protobufjs's namespace, which Node.js does not see through its CommonJS
// module.exports, by a subpath without its extension, which Node.js does not resolve: the default
// import of minimal.js is protobufjs's runtime itself
const wrapped = readFileSync(codecPath, 'utf8');
const NAMESPACE_IMPORT = 'import * as $protobuf from "protobufjs/minimal";';
if (!wrapped.includes(NAMESPACE_IMPORT)) throw new Error(`pbjs no longer writes ${NAMESPACE_IMPORT}: check ${codecPath}`);
writeFileSync(codecPath, wrapped.replace(NAMESPACE_IMPORT, 'import $protobuf from "protobufjs/minimal.js";'));
