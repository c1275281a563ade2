import type { z } from 'zod';
import type { phoneNumberInput } from '../../shared/crm/schemas';
import type { PhoneNumber } from '../../shared/crm/types';
import { AppError } from '../../shared/errors';
import { SIP_PROVIDER } from '../../shared/telephony/trunk';
import { newId } from '../platform/ids';
import { stamps } from '../db/instants';
import { NO_PROVIDER_CONFIG } from '../db/sealedSecrets';
import type { SecretSealer } from '../platform/secrets';
import { announcerOf, type CrmStoreDeps, type TeamScope } from './context';
import type { PhoneNumberStore, StoredPhoneNumber } from './phoneNumberStore';

type PhoneNumberInput = z.output<typeof phoneNumberInput>;
/** A create may leave the trunk out (none). */
type NewPhoneNumber = Omit<PhoneNumberInput, 'trunkId'> & Partial<Pick<PhoneNumberInput, 'trunkId'>>;

// field by field: what a store hands back beyond the interface never reaches a caller
const toPhoneNumber = (number: StoredPhoneNumber): PhoneNumber => ({
  id: number.id,
  teamId: number.teamId,
  number: number.number,
  label: number.label,
  provider: number.provider,
  status: number.status,
  assistantId: number.assistantId,
  trunkId: number.trunkId,
  ...stamps(number),
});

export function createPhoneNumberService({ store, now, events, sealer }: CrmStoreDeps<PhoneNumberStore> & { sealer: SecretSealer }) {
  const changed = announcerOf(events, 'phoneNumber');
  /** Provider settings may hold credentials: stored sealed (no settings: nothing to seal). */
  const storedConfig = (config: Record<string, unknown>) => {
    const json = JSON.stringify(config);
    return json === NO_PROVIDER_CONFIG ? json : sealer.seal(json);
  };

  async function get(team: TeamScope, id: string): Promise<PhoneNumber> {
    const found = await store.get(team.teamId, id);
    if (!found) throw AppError.notFound('Phone number', id);
    return toPhoneNumber(found);
  }

  /** Checks references and uniqueness; `current` is the number being updated, whose values fill in what `input` leaves out. */
  async function check(team: TeamScope, input: Partial<PhoneNumberInput>, current?: PhoneNumber): Promise<void> {
    const fields: Record<string, string> = {};
    if (input.assistantId && !(await store.hasAssistant(team.teamId, input.assistantId))) fields.assistantId = `Assistant ${input.assistantId} does not exist`;
    if (input.number && (await store.numberTaken(team.teamId, input.number, current?.id)) !== undefined) fields.number = `${input.number} is already added`;
    if (input.trunkId && !(await store.hasTrunk(team.teamId, input.trunkId))) fields.trunkId = `SIP trunk ${input.trunkId} does not exist`;
    const provider = input.provider ?? current?.provider;
    const trunkId = input.trunkId === undefined ? current?.trunkId : input.trunkId;
    if (provider === SIP_PROVIDER && !trunkId) fields.trunkId = 'A SIP number needs a trunk';
    AppError.throwIfInvalid(fields);
  }

  return {
    get,

    list: async (team: TeamScope, filter: { assistantId?: string } = {}): Promise<PhoneNumber[]> =>
      (await store.list(team.teamId, filter.assistantId || undefined)).map(toPhoneNumber),

    async create(team: TeamScope, input: NewPhoneNumber): Promise<PhoneNumber> {
      await check(team, input);
      const at = now();
      const id = newId('num');
      await store.insert({ ...input, trunkId: input.trunkId ?? null, id, teamId: team.teamId, providerConfig: storedConfig(input.providerConfig), createdAt: at, updatedAt: at });
      return changed(await get(team, id));
    },

    async update(team: TeamScope, id: string, changes: Partial<PhoneNumberInput>): Promise<PhoneNumber> {
      await check(team, changes, await get(team, id));
      const { providerConfig, ...rest } = changes;
      const written = await store.update(team.teamId, id, { ...rest, ...(providerConfig ? { providerConfig: storedConfig(providerConfig) } : {}) }, now());
      if (!written) throw AppError.notFound('Phone number', id);
      return changed(await get(team, id));
    },
  };
}

export type PhoneNumberService = ReturnType<typeof createPhoneNumberService>;
