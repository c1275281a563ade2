/** The phone-number provider that calls through a SIP trunk (and the telephony provider's name). */
export const SIP_PROVIDER = 'sip';

export const SIP_TRANSPORTS = ['udp', 'tcp'] as const;

/** A SIP trunk (provider profile) that phone numbers point at. The password never leaves main. */
export interface SipTrunk {
  id: string;
  teamId: string;
  name: string;
  host: string;
  port: number;
  transport: (typeof SIP_TRANSPORTS)[number];
  username: string | null;
  /** The From user part; the calling number when null. */
  fromUser: string | null;
  /** The From host part; `host` when null. */
  fromDomain: string | null;
  /** Longest a call may last once answered, in seconds. */
  maxCallSeconds: number;
  /** How long we let it ring before we CANCEL, in seconds. */
  ringTimeoutSeconds: number;
  createdAt: string;
  updatedAt: string;
}

/** What the UI and API see: whether a password is stored, never the password. */
export interface SipTrunkInfo extends SipTrunk {
  passwordSet: boolean;
}

/** What the SIP provider needs to place a call through a trunk (main only). */
export interface SipTrunkCredentials extends SipTrunk {
  password: string | null;
}
