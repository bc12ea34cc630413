// The child of runCliBatch (cli-in-process.ts): reads the cases as JSON on stdin, runs each in
// this process, writes the results as JSON on stdout (captured output never reaches it).
import { text } from 'node:stream/consumers';
import { runCliInProcess, type BatchCase } from './cli-in-process.js';

const cases = JSON.parse(await text(process.stdin)) as BatchCase[];
const results = [];
for (const one of cases) results.push(await runCliInProcess(one.args, { cwd: one.cwd, env: one.env }));
process.stdout.write(JSON.stringify(results));
