import { z } from 'zod';
import { optionalText, requiredText } from '../crm/schemas';
import { hasNoControlCharacters, NO_CONTROL_CHARACTERS, patchOf } from '../validation';
import { SIP_TRANSPORTS } from './trunk';

const hostFormat = z.union([z.hostname(), z.ipv6()]);
const isHost = (h: string) => hostFormat.safeParse(h).success;
const HOST_MESSAGE = 'Must be a host name or IP address, e.g. sip.example.com (no sip:, no :port)';

const wholeNumber = (min: number, max: number, fallback: number) =>
  z
    .number({ error: 'Must be a whole number' })
    .int('Must be a whole number')
    .min(min, `Must be ${min}–${max}`)
    .max(max, `Must be ${min}–${max}`)
    .default(fallback);

/** Text that goes into SIP messages, where a CR or LF would end a header line and start another: no control characters, checked first so the error says so. */
const sipText = <T extends z.ZodType<string | null>>(schema: T) => schema.refine(hasNoControlCharacters, NO_CONTROL_CHARACTERS);

/** The user part of a SIP URI: no spaces, @, :, quotes or angle brackets. */
const sipUser = sipText(optionalText(100)).refine((user) => user === null || /^[^\s@:<>"]+$/.test(user), 'No spaces, @, :, quotes or angle brackets');

export const trunkInput = z.strictObject({
  name: sipText(requiredText('Trunk name', 100)),
  /** Without scheme, user or port: those have fields of their own. A private address is fine: a PBX on the LAN is normal. */
  host: sipText(requiredText('Host', 253)).refine(isHost, HOST_MESSAGE),
  port: wholeNumber(1, 65535, 5060),
  transport: z.enum(SIP_TRANSPORTS, { error: `Must be one of ${SIP_TRANSPORTS.join(', ')}` }).default('udp'),
  username: sipText(optionalText(200)),
  /** Write-only: kept as typed (not trimmed); '' / null mean none. */
  password: sipText(
    z
      .string({ error: 'Must be text' })
      .max(200, 'At most 200 characters')
      .nullish()
      .transform((s) => s || null),
  ),
  fromUser: sipUser,
  fromDomain: sipText(optionalText(253)).refine((h) => h === null || isHost(h), HOST_MESSAGE),
  maxCallSeconds: wholeNumber(1, 86_400, 3600),
  ringTimeoutSeconds: wholeNumber(1, 600, 30),
});
export type TrunkInput = z.output<typeof trunkInput>;

/** An update: a field left out keeps its value; `password: null` clears the stored password. */
export const trunkPatch = patchOf(trunkInput);
