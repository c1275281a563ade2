import { parseArgs } from 'node:util';
import { openCore } from '../core';
import { silentLogger } from '../platform/log';
import { failureOf } from '../platform/commandLine';

const USAGE = 'usage: npm run api-key -- create --db FILE [--name NAME] | list --db FILE | revoke --db FILE --id KEY_ID';

const fail: (message: string) => never = failureOf('api-key');

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { db: { type: 'string' }, name: { type: 'string', default: 'API key' }, id: { type: 'string' } },
    });
  } catch (error) {
    fail(`${(error as Error).message} (${USAGE})`);
  }
  const { positionals, values } = parsed;
  const command = positionals[0];
  if (!['create', 'list', 'revoke'].includes(command ?? '')) fail(USAGE);
  if (!values.db) fail(`--db FILE is required (${USAGE})`);
  if (command === 'revoke' && !values.id) fail(`revoke needs --id KEY_ID (${USAGE})`);

  const core = await openCore({ dbFile: values.db, log: silentLogger, dial: false }).catch((error: Error) => fail(error.message));
  try {
    if (command === 'create') {
      const { key, apiKey } = await core.services.apiKeys.create(core.localTeam, values.name!);
      process.stdout.write(`Created API key ${apiKey.id} (${apiKey.name}) for team ${apiKey.teamId}. It is shown only now:\n${key}\n`);
    } else if (command === 'list') {
      for (const k of await core.services.apiKeys.list(core.localTeam)) {
        process.stdout.write(`${k.id}\t${k.prefix}…\t${k.name}\tcreated ${k.createdAt}\t${k.revokedAt ? `revoked ${k.revokedAt}` : 'active'}\n`);
      }
    } else {
      const revoked = await core.services.apiKeys.revoke(core.localTeam, values.id!);
      process.stdout.write(`Revoked ${revoked.id} (${revoked.name})\n`);
    }
  } catch (error) {
    fail((error as Error).message);
  } finally {
    await core.close();
  }
}

void main();
