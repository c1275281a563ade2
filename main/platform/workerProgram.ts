import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/*
 * A worker thread runs a program of its own, found beside the module that starts it. Run from the sources (tsx,
 * vitest) that module is TypeScript, and the worker registers tsx before it loads the program (a worker does not
 * inherit the loader); built, the module is part of a bundle, and the build emits each worker's bundle beside it
 * (electron.vite.config.ts for the desktop app, bundleHost for the headless host).
 */

const BOOT = `
const { workerData } = require('node:worker_threads');
if (workerData.program.typescript) require(workerData.program.typescript).register();
import(workerData.program.entry);
`;

/** Starts the worker program `name`, a module beside `moduleUrl` (the caller's import.meta.url). */
export function startWorkerProgram(name: string, moduleUrl: string): Worker {
  const fromSources = moduleUrl.endsWith('.ts');
  const program = {
    entry: new URL(`${name}.${fromSources ? 'ts' : 'js'}`, moduleUrl).href,
    typescript: fromSources ? createRequire(moduleUrl).resolve('tsx/esm/api') : null,
  };
  return new Worker(BOOT, { eval: true, workerData: { program } });
}
