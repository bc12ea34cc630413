#!/usr/bin/env node
// The installed entry point: runs the CLI's bundle (dist/fractal.js, scripts/build-bundle.mjs).
import { execute } from '../dist/fractal.js';

await execute({ dir: import.meta.url });
