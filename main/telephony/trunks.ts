import type { Selectable } from 'kysely';
import { AppError } from '../../shared/errors';
import type { TrunkInput } from '../../shared/telephony/schemas';
import { SIP_PROVIDER, type SipTrunkCredentials, type SipTrunkInfo } from '../../shared/telephony/trunk';
import { announcerOf, type CrmDeps, type TeamScope } from '../crm/context';
import { newId } from '../platform/ids';
import { stamps } from '../db/instants';
import type { SipTrunkTable } from '../db/schema';
import type { SecretSealer } from '../platform/secrets';

type TrunkRow = Selectable<SipTrunkTable>;

/** What leaves main: whether a password is stored, never the password (not even sealed). */
function toInfo({ password, ...row }: TrunkRow): SipTrunkInfo {
  return { ...row, ...stamps(row), passwordSet: password !== null };
}

/** SIP trunks per team, and the credentials the SIP provider dials with (main only); passwords are stored sealed. */
export function createTrunkService({ db, now, events, sealer }: CrmDeps & { sealer: SecretSealer }) {
  const changed = announcerOf(events, 'sipTrunk');
  const sealed = <T extends Partial<TrunkInput>>({ password, ...rest }: T) => ({
    ...rest,
    ...(password === undefined ? {} : { password: password === null ? null : sealer.seal(password) }),
  });

  async function row(team: TeamScope, id: string): Promise<TrunkRow> {
    const found = await db.selectFrom('sipTrunks').selectAll().where('id', '=', id).where('teamId', '=', team.teamId).executeTakeFirst();
    if (!found) throw AppError.notFound('SIP trunk', id);
    return found;
  }

  const get = async (team: TeamScope, id: string): Promise<SipTrunkInfo> => toInfo(await row(team, id));

  return {
    get,

    async list(team: TeamScope): Promise<SipTrunkInfo[]> {
      const rows = await db.selectFrom('sipTrunks').selectAll().where('teamId', '=', team.teamId).orderBy('name').orderBy('id').execute();
      return rows.map(toInfo);
    },

    async create(team: TeamScope, input: TrunkInput): Promise<SipTrunkInfo> {
      const at = now();
      const id = newId('trk');
      await db.insertInto('sipTrunks').values({ ...sealed(input), id, teamId: team.teamId, createdAt: at, updatedAt: at }).execute();
      return changed(await get(team, id));
    },

    /** Changes the fields given; a password left out is kept, `null` clears it. */
    async update(team: TeamScope, id: string, changes: Partial<TrunkInput>): Promise<SipTrunkInfo> {
      await row(team, id);
      await db
        .updateTable('sipTrunks')
        .set({ ...sealed(changes), updatedAt: now() })
        .where('id', '=', id)
        .where('teamId', '=', team.teamId)
        .execute();
      return changed(await get(team, id));
    },

    /** Refused while a SIP number calls through it: that number would have no way out. */
    async remove(team: TeamScope, id: string): Promise<{ id: string }> {
      await row(team, id);
      const users = await db
        .selectFrom('phoneNumbers')
        .select('number')
        .where('trunkId', '=', id)
        .where('provider', '=', SIP_PROVIDER)
        .orderBy('number')
        .execute();
      if (users.length) {
        throw AppError.conflict(`Phone numbers call through this trunk (${users.map((u) => u.number).join(', ')}); give them another trunk or provider first`);
      }
      await db.deleteFrom('sipTrunks').where('id', '=', id).where('teamId', '=', team.teamId).execute();
      return changed({ id });
    },

    /**
     * The trunk a SIP number calls through, with its password, for the SIP provider; null when the number
     * is not a SIP number or has no trunk. A number is unique within a team; should two teams hold the same
     * number, the one changed last wins.
     */
    async trunkCredentialsForNumber(number: string): Promise<SipTrunkCredentials | null> {
      const found = await db
        .selectFrom('phoneNumbers')
        .innerJoin('sipTrunks', 'sipTrunks.id', 'phoneNumbers.trunkId')
        .selectAll('sipTrunks')
        .whereRef('sipTrunks.teamId', '=', 'phoneNumbers.teamId')
        .where('phoneNumbers.number', '=', number)
        .where('phoneNumbers.provider', '=', SIP_PROVIDER)
        .orderBy('phoneNumbers.updatedAt', 'desc')
        .executeTakeFirst();
      return found ? { ...found, ...stamps(found), password: found.password === null ? null : sealer.open(found.password) } : null;
    },
  };
}

export type TrunkService = ReturnType<typeof createTrunkService>;
