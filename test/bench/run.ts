import { removeTempFiles } from '../support/tempFiles';
import { benchContactSearch } from './contactSearch.bench';
import { benchCsvImport } from './csvImport.bench';
import { benchDialerTick } from './dialer.bench';
import { benchFreedSlot } from './freedSlot.bench';
import { benchSimulation } from './simulation.bench';
import { benchSipLoad } from './sipLoad.bench';
import { benchSipSetup } from './sipSetup.bench';
import { benchEnrolment } from './enrolment.bench';
import { closeMillionContacts } from './millionContacts';

const BENCHES: Record<string, () => Promise<void>> = {
  'csv-import': benchCsvImport,
  'contact-search': benchContactSearch,
  enrolment: benchEnrolment,
  'dialer-tick': benchDialerTick,
  simulation: benchSimulation,
  'freed-slot': benchFreedSlot,
  'sip-setup': benchSipSetup,
  'sip-load': benchSipLoad,
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
try {
  for (const [name, run] of Object.entries(BENCHES)) if (!chosen.length || chosen.includes(name)) await run();
} finally {
  await closeMillionContacts();
  removeTempFiles();
}
