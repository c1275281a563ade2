import { z } from 'zod';
import { optionalText, requiredText } from '../crm/schemas';
import { patchOf } from '../validation';
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

/** The user part of a SIP URI: no spaces, @, :, quotes or angle brackets. */
const sipUser = optionalText(100).refine((user) => user === null || /^[^\s@:<>"]+$/.test(user), 'No spaces, @, :, quotes or angle brackets');

export const trunkInput = z.strictObject({
  name: requiredText('Trunk name', 100),
  /** Without scheme, user or port: those have fields of their own. */
  host: requiredText('Host', 253).refine(isHost, HOST_MESSAGE),
  port: wholeNumber(1, 65535, 5060),
  transport: z.enum(SIP_TRANSPORTS, { error: `Must be one of ${SIP_TRANSPORTS.join(', ')}` }).default('udp'),
  username: optionalText(200),
  /** Write-only: kept as typed (not trimmed); '' / null mean none. */
  password: z
    .string({ error: 'Must be text' })
    .max(200, 'At most 200 characters')
    .nullish()
    .transform((s) => s || null),
  fromUser: sipUser,
  fromDomain: optionalText(253).refine((h) => h === null || isHost(h), HOST_MESSAGE),
  maxCallSeconds: wholeNumber(1, 86_400, 3600),
  ringTimeoutSeconds: wholeNumber(1, 600, 30),
});
export type TrunkInput = z.output<typeof trunkInput>;

/** An update: a field left out keeps its value; `password: null` clears the stored password. */
export const trunkPatch = patchOf(trunkInput);
