import { checkHours, nextAllowedInstant, type HoursInput } from '../../shared/compliance/legalHours';
import { recipientLocation } from '../../shared/compliance/recipient';
import { rulesFor } from '../../shared/compliance/statePresets';
import { capHold, capReason, DAY_MS, strictestCap } from '../../shared/compliance/rollingCap';
import type { DialDecision } from '../../shared/compliance/types';
import type { CallWindow } from '../../shared/time/callWindow';
import { readJson } from '../crm/json';
import type { ComplianceStore, ContactPlace } from './complianceStore';
import { stateOfPhone } from './phoneState';

/** A campaign's compliance settings and window, as the dialer has them at claim time. */
export interface GuardCampaign {
  id: string;
  teamId: string;
  legalHoursGuard: boolean;
  /** null: only the state presets cap attempts. */
  rollingCapPer24h: number | null;
  /** The campaign's own window and the zones it applies in for this contact (windowZones()); it narrows the legal hours. */
  window: CallWindow;
  windowZones: readonly string[];
  /** Where legal hours apply when nothing is known of the recipient's place. */
  fallbackZone: string;
  /**
   * Zones where the federal hours and the campaign's window are already known to be open at this instant
   * (the dialer checked the contact's zone group): a contact with no other zone and no state rule needs no
   * second look.
   */
  openNowIn?: readonly string[];
}

interface DialCheck {
  campaign: GuardCampaign;
  contactId: string;
  /** E.164 */
  phone: string;
  at: number;
  /** The contact's place when the caller has read it already (the dialer's due rows carry it). */
  place?: ContactPlace;
}

/**
 * The dial-time compliance check of one contact: DNC lists, legal hours (federal and state, in every
 * candidate zone), and the rolling 24-hour cap across the team's campaigns. A hold carries the first
 * instant every rule allows the call again.
 */
export function createDialGuard(store: ComplianceStore) {
  function check(args: DialCheck): DialDecision {
    const { campaign, contactId, phone, at } = args;
    const list = store.dncListOf(campaign.teamId, phone);
    if (list !== null) return { kind: 'skip', rule: 'dnc_list', reason: `on DNC list '${list}'` };

    const place = args.place ?? store.contactPlace(contactId);
    const { zones, states } = recipientLocation({
      timezone: place?.timezone ?? null,
      phoneZones: place?.phoneZones ? place.phoneZones.split('|') : [],
      areaCodeState: stateOfPhone(phone),
      customFields: readJson<Record<string, unknown>>(place?.customFields ?? '{}', {}),
    });
    const hoursInput: Omit<HoursInput, 'at'> = {
      zones,
      states,
      fallbackZone: campaign.fallbackZone,
      guard: campaign.legalHoursGuard,
      campaignWindow: { window: campaign.window, zones: campaign.windowZones },
    };
    const candidates = zones.length ? zones : [campaign.fallbackZone];
    const knownOpen =
      campaign.openNowIn !== undefined &&
      (!campaign.legalHoursGuard || rulesFor(states).length === 1) &&
      candidates.every((zone) => campaign.openNowIn!.includes(zone));
    const hours = knownOpen ? ({ allowed: true } as const) : checkHours({ ...hoursInput, at });

    const cap = strictestCap(states, campaign.rollingCapPer24h);
    // counting is cheap; the start times matter only at the cap (to say when it frees up)
    const over = cap !== null && store.attemptsSince(campaign.teamId, phone, at - DAY_MS) >= cap.limit;
    const held = over && capHold(cap, store.recentAttempts(campaign.teamId, phone, at - DAY_MS, cap.limit));
    if (!held) return hours.allowed ? { kind: 'allow' } : { kind: 'hold', rule: hours.rule, reason: hours.reason, until: hours.until };
    // over the cap: free again when the oldest counted attempt leaves the 24 h, and the hours allow it then
    const until = nextAllowedInstant(hoursInput, held.until);
    if (!hours.allowed) return { kind: 'hold', rule: hours.rule, reason: hours.reason, until };
    return { kind: 'hold', rule: 'rolling_cap', reason: capReason(cap!), until };
  }

  return {
    check,

    /** check() and, for a skip or hold, its row in the audit trail (a repeat of the contact's latest is not written again). */
    decide(args: DialCheck): DialDecision {
      const decision = check(args);
      if (decision.kind === 'allow') return decision;
      const { campaign, contactId, at } = args;
      store.record({ teamId: campaign.teamId, campaignId: campaign.id, contactId, at, until: null, ...decision });
      return decision;
    },
  };
}

export type DialGuard = ReturnType<typeof createDialGuard>;
