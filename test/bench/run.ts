import { removeTempFiles } from '../support/tempFiles';
import { benchAmd } from './amd.bench';
import { benchContactSearch } from './contactSearch.bench';
import { benchCsvImport } from './csvImport.bench';
import { benchDialerTick } from './dialer.bench';
import { benchFreedSlot } from './freedSlot.bench';
import { benchHostStart } from './hostStart.bench';
import { benchImportBesideCalls } from './importBesideCalls.bench';
import { benchRealtimeBridge } from './realtimeBridge.bench';
import { benchSimulation } from './simulation.bench';
import { benchSipLoad } from './sipLoad.bench';
import { benchSipSetup } from './sipSetup.bench';
import { benchEnrolment } from './enrolment.bench';
import { benchExports } from './exports.bench';
import { closeMillionContacts } from './millionContacts';
import { benchWebhooks } from './webhooks.bench';

const BENCHES: Record<string, () => Promise<void>> = {
  'csv-import': benchCsvImport,
  'contact-search': benchContactSearch,
  enrolment: benchEnrolment,
  'dialer-tick': benchDialerTick,
  simulation: benchSimulation,
  'freed-slot': benchFreedSlot,
  'sip-setup': benchSipSetup,
  'sip-load': benchSipLoad,
  'import-beside-calls': benchImportBesideCalls,
  amd: benchAmd,
  'realtime-bridge': benchRealtimeBridge,
  'host-start': benchHostStart,
  exports: benchExports,
  webhooks: benchWebhooks,
};

/**
 * `npm run bench [-- NAME…]`: every benchmark prints its figures and, where it has one, its ratio to a
 * floor measured in the same run.
 */
const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !BENCHES[name]);
if (unknown.length) {
  process.stderr.write(`bench: unknown ${unknown.join(', ')}; choose from ${Object.keys(BENCHES).join(', ')}\n`);
  process.exit(2);
}
let failed: string | null = null;
try {
  for (const [name, run] of Object.entries(BENCHES)) {
    if (chosen.length && !chosen.includes(name)) continue;
    try {
      await run();
    } catch (error) {
      failed = `bench: ${name} failed: ${(error as Error).message}`;
      break;
    }
  }
} finally {
  await closeMillionContacts();
  removeTempFiles();
}
if (failed) {
  process.stderr.write(`${failed}\n`);
  // whatever the failed bench left running (a peer, a timer) must not keep the run alive
  process.exit(1);
}
