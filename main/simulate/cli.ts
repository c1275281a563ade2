import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { issueFields } from '../../shared/validation';
import { runSimulation } from './runSimulation';
import { scenarioSchema } from './scenario';
import { failureOf } from '../platform/commandLine';

const USAGE = 'usage: npm run simulate -- SCENARIO.json [--out CALLS.jsonl]';

const fail: (message: string) => never = failureOf('simulate');

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({ allowPositionals: true, options: { out: { type: 'string' } } });
  } catch (error) {
    fail(`${(error as Error).message} (${USAGE})`);
  }
  const file = args.positionals[0];
  if (!file || args.positionals.length > 1) fail(USAGE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`cannot read ${file}: ${(error as Error).message}`);
  }
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) {
    const [field, message] = issueFields(parsed.error.issues)[0];
    fail(`${field}: ${message}`);
  }
  const result = await runSimulation(parsed.data).catch((error: Error) => fail(error.message));
  if (args.values.out) {
    try {
      writeFileSync(args.values.out, result.calls.map((c) => JSON.stringify(c)).join('\n') + (result.calls.length ? '\n' : ''));
    } catch (error) {
      fail(`--out: cannot write ${args.values.out}: ${(error as Error).message}`);
    }
  }
  process.stdout.write(`${JSON.stringify(result.summary)}\n`);
}

void main();
