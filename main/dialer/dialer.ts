import type { CallOutcome } from '../../shared/campaigns/types';
import { ineligibleReason } from '../../shared/crm/eligibility';
import { nextTimeInWindow } from '../../shared/time/callWindow';
import { clockSeconds } from '../../shared/time/localTime';
import { inQueueOrder, type AttemptCounts, type CallerNumberRow, type DialCampaign, type DialerStore, type DueContact, type FinishedCall, type OrphanedCall } from '../db/dialerStore';
import type { EventBus } from '../platform/events';
import type { Logger } from '../platform/log';
import { decideCallback } from './callback';
import { pickCallerNumber } from './callerId';
import type { Clock } from '../platform/clock';
import { groupOpensAt, whyNeverOpen, windowOf } from '../compliance/groupHours';
import { DialerLease } from './lease';
import { DEFAULT_LEASE_EXPIRY_MS } from '../../shared/settings/schema';
import { renderConversation, scriptOf, type AssistantScript } from './conversationScript';
import { windowZones } from '../platform/phoneZones';
import { decideAfterAttempt, type RetryDecision } from './retryPolicy';
import type { ComplianceStore } from '../compliance/complianceStore';
import { createDialGuard, type DialGuard } from '../compliance/dialGuard';
import type { CallEvent, CallToolUse, TelephonyProvider } from '../telephony/port';
import { detectionOf } from '../../shared/campaigns/reachSettings';

export interface DialerOptions {
  store: DialerStore;
  clock: Clock;
  /** Providers by name; a phone number's `provider` picks one. */
  providers: Record<string, TelephonyProvider>;
  events: EventBus;
  log: Logger;
  /** Compliance at dial time (DNC lists, legal hours, rolling caps) and opt-outs; none in engine-only tests. */
  compliance?: ComplianceStore;
  /** A backup pass over all running campaigns (ms); 0 turns it off. Everything normally happens on events. */
  safetyTickMs?: number;
  /** How long the dialer's lease outlives its last renewal (ms; DEFAULT_LEASE_EXPIRY_MS): its calls are orphaned that long after a crash. */
  leaseExpiryMs?: number;
}

/** Due contacts are read ahead in small batches; a claim re-checks each one, so a stale row is only skipped. */
const READ_AHEAD = 32;
const MINUTE_MS = 60_000;

/** Retries are read ahead this far into the future too, so most come due without a read of their own. */
const RETRY_LOOKAHEAD_MS = 10 * 60_000;

/**
 * Rows read ahead of one stream; `all`: it held every row of the stream up to `readAt` when read (no need to
 * ask again until then; retries this dialer schedules are added as they are settled).
 */
interface ReadAhead {
  rows: DueContact[];
  all: boolean;
  readAt: number;
}

/** The order due retries are read in: priority first, then longest-waiting. */
const retryOrder = (a: DueContact, b: DueContact) => b.priority - a.priority || a.nextAttemptAt - b.nextAttemptAt || a.seq - b.seq;

/**
 * At least `wanted` rows of a stream (fewer when it has no more), from what was read ahead; a first read
 * takes what is wanted now, refills (a freed slot at a time) read ahead.
 */
function readAhead(cache: Map<string | null, ReadAhead>, key: string | null, wanted: number, read: (limit: number) => DueContact[]): DueContact[] {
  const cached = cache.get(key);
  if (cached && (cached.rows.length >= wanted || cached.all)) return cached.rows;
  const limit = cached ? Math.max(wanted, READ_AHEAD) : wanted;
  const rows = read(limit);
  cache.set(key, { rows, all: rows.length < limit, readAt: 0 });
  return rows;
}

/**
 * A retry (or hold) this dialer has just scheduled joins its group's read-ahead, so it comes due without a
 * read; without a read-ahead for its group, the group's next read will find it.
 */
function rememberRetry(entry: CampaignEntry, row: DueContact): void {
  const rows = entry.retries.get(row.zoneKey)?.rows;
  if (!rows) return;
  // (it left the read-ahead when it was claimed or held, so it is not in there twice)
  let lo = 0;
  for (let hi = rows.length; lo < hi; ) {
    const mid = (lo + hi) >> 1;
    if (retryOrder(rows[mid], row) <= 0) lo = mid + 1;
    else hi = mid;
  }
  rows.splice(lo, 0, row);
}

/** The first `wanted` rows already due, in their order. */
function dueNow(rows: readonly DueContact[], now: number, wanted: number): DueContact[] {
  const out: DueContact[] = [];
  for (const row of rows) {
    if (out.length >= wanted) break;
    if (row.nextAttemptAt <= now) out.push(row);
  }
  return out;
}

/** A contact taken from the read-ahead (claimed, skipped or held) leaves it. */
function taken(entry: CampaignEntry, contact: DueContact): void {
  for (const cache of [entry.fresh, entry.retries]) {
    const rows = cache.get(contact.zoneKey)?.rows;
    const at = rows?.indexOf(contact) ?? -1;
    if (at >= 0) rows!.splice(at, 1);
  }
}

interface CampaignEntry {
  campaign: DialCampaign;
  numbers?: CallerNumberRow[];
  /** The campaign's assistant, its templates compiled. */
  script?: AssistantScript;
  zoneKeys?: (string | null)[];
  /** Contacts not yet dialed, read ahead per zone key (their order never changes: enrolment order). */
  fresh: Map<string | null, ReadAhead>;
  /** Due retries read ahead per zone key, valid until `retriesUntil`. */
  retries: Map<string | null, ReadAhead>;
  /** The end of the hold last looked at per zone group (recordLegalHolds). */
  legalHolds: Map<string | null, number>;
  /** groupOpensAt by zone group for the current minute (see groupOpens). */
  groupOpens: Map<string | null, { minute: number; open: boolean; opens: number | null }>;
  /** When another retry comes due (the earliest not yet due when read, or settled since): the retries are read again. */
  retriesUntil: number;
}

/** The tools of a call with the callback's result as the dialer carried it out (the last schedule_callback is the one that counts). */
function withCallbackResult(tools: CallToolUse[], result: string): CallToolUse[] {
  const last = tools.findLastIndex((use) => use.name === 'schedule_callback');
  return tools.map((use, i) => (i === last ? { ...use, result } : use));
}

/** This many technical failures in a row pause a campaign: the trunk or provider is likely down. */
export const FAILURE_BURST = 5;

/** How a call ended, as its provider's `ended` event tells it (or the dialer, for a call that never started or was cut off). */
type CallEnd = Pick<Extract<CallEvent, { type: 'ended' }>, 'outcome' | 'error' | 'optedOut' | 'amd' | 'transcript' | 'tools' | 'callback'>;

interface CallToPlace {
  campaign: DialCampaign;
  script: AssistantScript;
  contact: DueContact;
  from: CallerNumberRow;
  callId: string;
  attempt: number;
  counts: AttemptCounts;
}

/**
 * The scheduler. Event-driven: a campaign start or resume, an enrolment, a freed slot or a window
 * opening (one timer per campaign, at its earliest nextAttemptAt) makes it dial at once. Each call is
 * claimed and recorded in one transaction before the provider is asked, so a crash never double-dials
 * and never loses an attempt. Calls carry the dialer's lease; calls whose lease expired (a crash, a kill, a machine
 * gone) are taken over by any dialer: on start, when a lease it saw owning calls expires, while it renews its own,
 * on a cancel and on the safety tick.
 */
export class Dialer {
  private readonly wake = new Map<string, { at: number; handle: number }>();
  /** Calls this dialer placed (or adopted) and has not seen end, with the counters its claim returned. */
  private readonly live = new Map<string, { campaignId: string; provider: string; counts?: AttemptCounts; contact?: DueContact; fromNumberId?: string }>();
  private readonly unsubscribe: (() => void)[] = [];
  private safetyHandle: number | undefined;
  private stopped = false;
  private readonly lease: DialerLease;
  /** The lease tick's next run: renewal of this lease, or the expiry of another's that owns calls in progress. */
  private leaseWake: { at: number; handle: number } | undefined;
  /** When the first lease of another dialer that owns calls in progress expires (as of the last sweep). */
  private watchUntil: number | null = null;
  /** Shutdown's wait for the last call in progress to be settled (also one another dialer settled first). */
  private whenIdle: (() => void) | undefined;
  /** Technical failures in a row, per campaign. */
  private readonly failuresInARow = new Map<string, number>();
  /**
   * What a pump reads on every call but rarely changes: the campaign's settings and numbers (dropped on
   * campaign and CRM change events) and its zone keys (dropped on enrolment, and re-read before going idle).
   */
  private readonly cache = new Map<string, CampaignEntry>();

  private readonly guard: DialGuard | undefined;

  constructor(private readonly o: DialerOptions) {
    this.guard = o.compliance && createDialGuard(o.compliance);
    this.lease = new DialerLease(o.store, o.leaseExpiryMs ?? DEFAULT_LEASE_EXPIRY_MS);
  }

  async start(): Promise<void> {
    for (const provider of Object.values(this.o.providers)) this.unsubscribe.push(provider.onEvent((e) => this.onCallEvent(e)));
    await this.sweep();
    this.unsubscribe.push(
      this.o.events.on('campaigns.changed', ({ campaignId }) => this.onCampaignChanged(campaignId)),
      this.o.events.on('campaigns.enrolled', ({ campaignId }) => {
        this.cache.delete(campaignId);
        this.pump(campaignId);
      }),
      this.o.events.on('crm.changed', ({ entity }) => {
        this.cache.clear();
        // new or changed contacts may have joined evergreen campaigns (enrolment triggers) or become callable
        // and an activated caller number may release a held campaign
        if (entity === 'contact' || entity === 'phoneNumber') for (const id of this.o.store.runningCampaignIds()) this.pump(id);
      }),
    );
    for (const id of this.o.store.runningCampaignIds()) this.pump(id);
    this.armSafetyTick();
  }

  /** Hangs up this dialer's calls and records how they ended (the app is closing), then stops. */
  async shutdown(graceMs = 5000): Promise<void> {
    const ended = new Promise<void>((resolve) => {
      if (this.live.size === 0) return resolve();
      this.whenIdle = resolve;
    });
    this.stopped = true;
    await this.hangUpAll();
    await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
    this.stop();
  }

  stop(): void {
    this.stopped = true;
    this.lease.release();
    this.unsubscribe.splice(0).forEach((off) => off());
    for (const { handle } of this.wake.values()) this.o.clock.cancel(handle);
    this.wake.clear();
    if (this.safetyHandle !== undefined) this.o.clock.cancel(this.safetyHandle);
    if (this.leaseWake) this.o.clock.cancel(this.leaseWake.handle);
    this.leaseWake = undefined;
  }

  /** Hangs up every call this dialer has in progress; each ends as usual. */
  async hangUpAll(): Promise<void> {
    await Promise.all([...this.live].map(([callId, { provider }]) => this.o.providers[provider]?.hangup(callId)));
  }

  get callsInProgress(): number {
    return this.live.size;
  }

  /** When dialing next wakes up by itself (a retry or a window opening), or null. */
  get nextWakeAt(): number | null {
    let next: number | null = null;
    for (const { at } of this.wake.values()) next = next === null ? at : Math.min(next, at);
    return next;
  }

  /**
   * Takes over the calls in progress whose dialer's lease has expired (renewing this one first, so they stay
   * taken) and reconciles them; hangs up this dialer's calls of campaigns cancelled (in this process or another);
   * sets the lease tick. Calls of leases still unexpired are their dialers'.
   */
  private async sweep(): Promise<void> {
    const { store, clock } = this.o;
    if (this.stopped) return;
    let retryAt: number | undefined;
    try {
      const now = clock.now();
      this.lease.keepFresh(now);
      const orphans = store.batch(() => {
        const taken = store.takeOverOrphans(this.lease.id, now);
        this.watchUntil = store.nextLeaseExpiry(this.lease.id);
        return taken;
      });
      for (const call of orphans) await this.reconcile(call);
      const cancelled = this.live.size ? store.cancelledCalls(this.lease.id) : [];
      for (const call of cancelled) void this.o.providers[call.provider]?.hangup(call.id);
    } catch (error) {
      this.o.log.error('could not take over the calls of expired dialer leases; trying again', { error: String(error) });
      retryAt = clock.now() + 1000;
    }
    this.armLeaseTick(retryAt);
  }

  /**
   * A call taken over from a dialer that is gone: adopted if the provider still has it, else settled with the
   * end the provider saw, or as an interrupted attempt (also when the provider cannot say: it must not stay open).
   */
  private async reconcile(call: OrphanedCall): Promise<void> {
    const unknown = { state: 'unknown' as const };
    const status = (await this.o.providers[call.provider]?.status(call.id).catch(() => unknown)) ?? unknown;
    if (status.state === 'active') this.live.set(call.id, { campaignId: call.campaignId, provider: call.provider });
    else if (status.state === 'ended') this.finish(call.id, { outcome: status.outcome }, true);
    else this.finish(call.id, { outcome: 'failed', error: 'interrupted: Dialwell stopped during this call' }, true);
  }

  /**
   * Sets the lease tick (a sweep, which renews the lease): at `at`, else when this lease is due for renewal while it
   * owns calls in progress, or when another's that owns calls expires.
   */
  private armLeaseTick(at = Math.min(this.live.size ? this.lease.renewAt : Infinity, this.watchUntil ?? Infinity)): void {
    if (this.stopped || this.leaseWake?.at === at) return;
    if (this.leaseWake) this.o.clock.cancel(this.leaseWake.handle);
    this.leaseWake = undefined;
    if (at === Infinity) return;
    const handle = this.o.clock.at(at, () => {
      this.leaseWake = undefined;
      return this.sweep();
    });
    this.leaseWake = { at, handle };
  }

  private cached(campaignId: string) {
    let entry = this.cache.get(campaignId);
    if (!entry) {
      const campaign = this.o.store.campaign(campaignId);
      if (!campaign) return undefined;
      this.cache.set(campaignId, (entry = { campaign, fresh: new Map(), retries: new Map(), retriesUntil: Infinity, groupOpens: new Map(), legalHolds: new Map() }));
    }
    return entry;
  }

  private onCampaignChanged(campaignId: string): void {
    this.cache.delete(campaignId);
    const campaign = this.o.store.campaign(campaignId);
    // every call of a cancelled campaign ends: those of expired leases are taken over (settled, or adopted and hung up)
    if (campaign?.status === 'cancelled') void this.sweep();
    this.pump(campaignId);
  }

  /**
   * Dials due contacts of one campaign up to its free slots, then sets its wake-up and checks completion.
   * Contacts are grouped by the zones their window applies in; a group whose window is closed is not
   * read at all, and its opening becomes the wake-up. The claims commit before any provider is asked.
   */
  pump(campaignId: string): void {
    if (this.stopped) return;
    // after a while idle the lease may have lapsed: renewed before it owns new calls
    this.lease.keepFresh(this.o.clock.now());
    const { placed, completed } = this.o.store.batch(() => this.claimDue(campaignId));
    if (completed) this.o.events.emit('campaigns.changed', { campaignId });
    for (const call of placed) this.place(call);
  }

  /** Claims what can be dialed now (inside batch()); `completed`: the campaign just finished (announce it after the commit). */
  private claimDue(campaignId: string): { placed: CallToPlace[]; completed: boolean } {
    const { store, clock } = this.o;
    const now = clock.now();
    const entry = this.cached(campaignId);
    const campaign = entry?.campaign;
    const nothing = { placed: [], completed: false };
    if (!entry || !campaign || campaign.status !== 'running') {
      this.clearWake(campaignId);
      return nothing;
    }
    const state = store.dialState(campaignId);
    if (state.status !== 'running') {
      // paused, cancelled or deleted by another process: read it afresh next time
      this.cache.delete(campaignId);
      this.clearWake(campaignId);
      return nothing;
    }
    const placed = this.claimInWindow(campaignId, entry, now, state.calling);
    if (!placed.length && entry.zoneKeys && state.calling === 0) {
      // about to go idle: re-read the zone keys in case contacts of a new zone arrived meanwhile
      entry.zoneKeys = undefined;
      placed.push(...this.claimInWindow(campaignId, entry, now, 0));
    }
    return { placed, completed: !placed.length && store.completeIfFinished(campaignId, now) };
  }

  /** `calling`: the campaign's calls in flight in every process, read in this transaction. */
  private claimInWindow(campaignId: string, entry: CampaignEntry, now: number, calling: number): CallToPlace[] {
    const { store } = this.o;
    const { campaign } = entry;
    const groups = (entry.zoneKeys ??= store.zoneKeys(campaignId)).map((key) => ({ key, opens: this.groupOpens(entry, key, now) }));
    for (const { key } of groups.filter((g) => g.opens === null)) {
      store.skipZone(campaignId, key, whyNeverOpen(campaign, key, now), now);
      entry.zoneKeys = entry.zoneKeys.filter((k) => k !== key);
    }
    this.recordLegalHolds(entry, groups, now);
    const openGroups = groups.filter((g) => g.opens === now).map((g) => g.key);

    const placed: CallToPlace[] = [];
    let free = campaign.maxConcurrentCalls - calling;
    while (free > 0 && openGroups.length) {
      const due = this.dueAhead(campaignId, entry, openGroups, now, free);
      if (!due.length) break;
      const calls: { due: DueContact; from: CallerNumberRow }[] = [];
      const phones = new Set<string | null>();
      const seqs = new Set<number>();
      let noNumber = false;
      for (const contact of due) {
        // a number's second call waits for the next round: its rolling cap counts the first once its row is written;
        // so does an enrolment read twice (a stale read-ahead row and a fresh read, after another process dialed it)
        if (calls.length >= free || phones.has(contact.phone) || seqs.has(contact.seq)) break;
        taken(entry, contact);
        // the DNC lists are the guard's, looked up at the moment of dialing (compliant())
        const reason = ineligibleReason({ phone: contact.phone, doNotCall: contact.doNotCall, leadStatus: contact.leadStatus, dncList: null });
        if (reason) {
          store.skip(contact.seq, reason, now);
          continue;
        }
        if (!this.compliant(entry, contact, now)) continue;
        entry.numbers ??= store.callerNumbers(campaignId);
        const from = pickCallerNumber(contact.contactId, entry.numbers, contact.fromNumberId, campaign.localPresence ? contact.phone : null);
        if (!from) {
          this.o.log.warn('campaign has no active caller number; dialing held', { campaignId });
          noNumber = true;
          break;
        }
        calls.push({ due: contact, from });
        phones.add(contact.phone);
        seqs.add(contact.seq);
      }
      const claimed = store.claim({ campaign, calls, at: now, owner: this.lease.id });
      for (const { due: contact, from } of calls) {
        const call = claimed.get(contact.seq);
        if (call) {
          placed.push({ campaign, script: (entry.script ??= scriptOf(store.assistant(campaign.assistantId))), contact, from, ...call });
          continue;
        }
        // refused: the row changed since it was read (taken, unenrolled, deferred), the contact is no longer callable
        // or has another number (read again later), or it has no attempts left (the cap was lowered while paused)
        const current = store.recheck(contact.seq);
        if (current?.status !== 'pending') continue;
        const nowReason = ineligibleReason({ phone: current.phone, doNotCall: current.doNotCall, leadStatus: current.leadStatus, dncList: null });
        if (nowReason) store.skip(contact.seq, nowReason, now);
        else if (current.attempts >= campaign.maxAttemptsPerContact) store.finishExhausted(contact.seq, now);
      }
      free = noNumber ? 0 : free - claimed.size;
    }
    // slots left free: wake for the next retry or window opening (a full campaign pumps again as calls end)
    if (free > 0) {
      let wakeAt = store.nextDueAfter(campaignId, now);
      for (const { key, opens } of groups) {
        if (opens !== null && opens !== now && store.hasDue(campaignId, key, now)) wakeAt = Math.min(wakeAt ?? opens, opens);
      }
      this.armWake(campaignId, wakeAt);
    }
    return placed;
  }

  /**
   * groupOpensAt, remembered for the rest of the minute when every boundary falls on a whole minute (windows
   * without seconds; legal hours; zone offsets): a group cannot open or close inside one.
   */
  private groupOpens(entry: CampaignEntry, key: string | null, now: number): number | null {
    const { campaign } = entry;
    const minute = Math.floor(now / MINUTE_MS);
    const known = entry.groupOpens.get(key);
    if (known?.minute === minute) return known.open ? now : known.opens;
    const opens = groupOpensAt(campaign, key, now);
    const wholeMinutes = [campaign.callWindowStart, campaign.callWindowEnd].every((t) => clockSeconds(t)! % 60 === 0);
    if (wholeMinutes) entry.groupOpens.set(key, { minute, open: opens === now, opens });
    return opens;
  }

  /**
   * A zone group waiting for legal hours while the campaign's window is open there goes in the audit trail,
   * once per hold (the group's contacts are not read, so this is where the reason lives). Each hold is looked
   * at once per cached campaign; record() also skips repeats, for a campaign read afresh.
   */
  private recordLegalHolds(entry: CampaignEntry, groups: { key: string | null; opens: number | null }[], now: number): void {
    const { campaign } = entry;
    const { compliance } = this.o;
    if (!compliance || !campaign.legalHoursGuard) return;
    for (const { key, opens } of groups) {
      if (opens === null || opens === now || entry.legalHolds.get(key) === opens) continue;
      if (nextTimeInWindow(now, windowZones(key, campaign), windowOf(campaign)) !== now) continue;
      entry.legalHolds.set(key, opens);
      const zones = key ? key.split('|').join(', ') : campaign.callWindowTimezone;
      const reason = `outside legal hours 08:00–21:00 in ${zones}`;
      compliance.record({ teamId: campaign.teamId, campaignId: campaign.id, contactId: null, at: now, kind: 'hold', rule: 'legal_hours', reason, until: opens });
    }
  }

  /**
   * Whether the law lets this contact be called now (DNC lists, legal hours, rolling caps). If not, it is
   * skipped for good (a DNC list) or held until the rules allow it; the decision is in the audit trail.
   */
  private compliant(entry: CampaignEntry, contact: DueContact, now: number): boolean {
    const { guard } = this;
    const { store } = this.o;
    if (!guard) return true;
    const { campaign } = entry;
    const decision = guard.decide({
      campaign: {
        id: campaign.id,
        teamId: campaign.teamId,
        legalHoursGuard: campaign.legalHoursGuard,
        rollingCapPer24h: campaign.rollingCapPer24h,
        window: windowOf(campaign),
        windowZones: windowZones(contact.zoneKey, campaign),
        fallbackZone: campaign.callWindowTimezone,
        // its zone group is open now (groupOpensAt): federal hours in these zones, and the window
        openNowIn: contact.zoneKey ? contact.zoneKey.split('|') : [campaign.callWindowTimezone],
      },
      contactId: contact.contactId,
      phone: contact.phone!,
      at: now,
      place: contact,
    });
    if (decision.kind === 'allow') return true;
    if (decision.kind === 'skip') {
      store.skip(contact.seq, 'dnc_list', now);
      return false;
    }
    if (decision.until === null) {
      // its state's hours never meet the window within a year: never callable
      store.skip(contact.seq, 'no_legal_window', now);
      return false;
    }
    store.defer(contact.seq, decision.until, now);
    rememberRetry(entry, { ...contact, nextAttemptAt: decision.until });
    return false;
  }

  /** The next due contacts across the open zone groups, in queue order, from the read-ahead (refilled when short). */
  private dueAhead(campaignId: string, entry: CampaignEntry, openGroups: (string | null)[], now: number, wanted: number): DueContact[] {
    const { store } = this.o;
    const candidates: DueContact[] = [];
    const horizon = now + RETRY_LOOKAHEAD_MS;
    if (now >= entry.retriesUntil) {
      // retries not read yet are coming due: they may go before contacts read ahead (enrolment order)
      entry.retriesUntil = store.nextDueAfter(campaignId, horizon) ?? Infinity;
      for (const [key, cached] of entry.retries) {
        if (!cached.all) {
          entry.retries.delete(key);
          continue;
        }
        // it held every retry up to when it was read: only later ones are missing (those settled here are in)
        const held = new Set(cached.rows.map((r) => r.seq));
        const since = store.dueRetries(campaignId, key, cached.readAt, horizon, READ_AHEAD);
        cached.rows = [...cached.rows, ...since.filter((r) => !held.has(r.seq))].sort(retryOrder);
        cached.all = since.length < READ_AHEAD;
        cached.readAt = horizon;
      }
    }
    for (const key of openGroups) {
      const fresh = readAhead(entry.fresh, key, wanted, (limit) => store.dueFresh(campaignId, key, limit));
      candidates.push(...fresh.slice(0, wanted), ...this.dueRetries(campaignId, entry, key, now, wanted));
    }
    return candidates.sort(inQueueOrder);
  }

  /** Up to `wanted` due retries of one zone group, longest-waiting first, from the read-ahead (read again when short). */
  private dueRetries(campaignId: string, entry: CampaignEntry, key: string | null, now: number, wanted: number): DueContact[] {
    const { store } = this.o;
    const cached = entry.retries.get(key);
    const due = cached && dueNow(cached.rows, now, wanted);
    if (cached && due && (cached.all || due.length >= wanted)) return due;
    const horizon = now + RETRY_LOOKAHEAD_MS;
    const limit = cached ? Math.max(wanted, READ_AHEAD) : wanted;
    const rows = store.dueRetries(campaignId, key, 1, horizon, limit);
    entry.retries.set(key, { rows, all: rows.length < limit, readAt: horizon });
    entry.retriesUntil = Math.min(entry.retriesUntil, store.nextDueAfter(campaignId, horizon) ?? Infinity);
    return dueNow(rows, now, wanted);
  }

  private place({ campaign, script, contact, from, callId, attempt, counts }: CallToPlace): void {
    this.live.set(callId, { campaignId: campaign.id, provider: from.provider, counts, contact, fromNumberId: from.id });
    this.armLeaseTick();
    this.o.events.emit('calls.changed', { campaignId: campaign.id, callId, status: 'dialing' });
    const provider = this.o.providers[from.provider];
    if (!provider) {
      this.finish(callId, { outcome: 'failed', error: `no telephony provider "${from.provider}"` });
      return;
    }
    provider
      .placeCall({
        callId,
        from: from.number,
        to: contact.phone!,
        attempt,
        assistant: script.assistant,
        voicemailAction: campaign.voicemailAction,
        voicemailDetection: detectionOf(campaign),
        conversation: renderConversation(script, { campaign, contact, callId, attempt, at: this.o.clock.now() }),
      })
      .catch((error: unknown) => this.finish(callId, { outcome: 'failed', error: String((error as Error)?.message ?? error) }));
  }

  private onCallEvent(event: CallEvent): void {
    const campaignId = this.live.get(event.callId)?.campaignId;
    if (!campaignId) return;
    if (event.type === 'ended') return this.finish(event.callId, event);
    // 'dialing' was announced when the call was placed
    if (event.type === 'dialing') return;
    if (event.type === 'ringing') this.o.store.callProgress(event.callId, 'ringing', null);
    if (event.type === 'answered') this.o.store.callProgress(event.callId, 'in_progress', event.at);
    this.o.events.emit('calls.changed', { campaignId, callId: event.callId, status: event.type === 'answered' ? 'in_progress' : event.type });
  }

  /**
   * Records the end of a call and the contact's next step (retry policy), then fills the freed slot: one
   * commit. If that commit fails (the file busy beyond its timeout), it is tried again a second later, so
   * the call never stays open in the database while its slot is counted.
   */
  private finish(callId: string, end: CallEnd, reconciled = false): void {
    try {
      this.settle(callId, end, reconciled);
    } catch (failure) {
      this.o.log.error('could not record the end of a call; trying again', { callId, error: String(failure) });
      this.o.clock.at(this.o.clock.now() + 1000, () => this.finish(callId, end, reconciled));
    }
  }

  private settle(callId: string, end: CallEnd, reconciled: boolean): void {
    const { outcome, error, optedOut = false, amd } = end;
    const { store, clock } = this.o;
    const at = clock.now();
    const counts = this.live.get(callId)?.counts;
    let burst = 0;
    const { finished, toPlace, completed } = store.batch(() => {
      let tools = end.tools ?? [];
      const ended = store.finish({
        callId,
        outcome,
        at,
        error: error ?? null,
        amd,
        counts,
        decide: (e) => {
          const { next, callbackResult } = this.decideNext(callId, end, e, at);
          if (callbackResult !== null) tools = withCallbackResult(tools, callbackResult);
          return next;
        },
      });
      if (ended) store.recordConversation(callId, end.transcript ?? [], tools);
      if (ended && optedOut) this.o.compliance?.optOut({ teamId: ended.teamId, campaignId: ended.campaignId, contactId: ended.contactId, at });
      // calls cut off by our own stop say nothing about the line, so they do not count toward a burst
      if (ended && !reconciled) burst = this.pauseOnFailureBurst(ended.campaignId, outcome, at);
      const next = ended && !this.stopped ? this.claimDue(ended.campaignId) : { placed: [], completed: false };
      return { finished: ended, toPlace: next.placed, completed: next.completed };
    });
    this.live.delete(callId);
    if (!this.live.size) this.whenIdle?.();
    if (!finished) return;
    if (completed) this.o.events.emit('campaigns.changed', { campaignId: finished.campaignId });
    this.o.events.emit('calls.changed', { campaignId: finished.campaignId, callId, status: 'ended', outcome });
    if (burst) {
      this.o.log.warn('campaign paused after a burst of failed calls', { campaignId: finished.campaignId, failures: burst });
      this.o.events.emit('campaigns.changed', { campaignId: finished.campaignId });
      this.o.events.emit('campaigns.autoPaused', {
        campaignId: finished.campaignId,
        reason: `${burst} calls in a row failed; check the telephony settings, then resume`,
      });
    }
    for (const call of toPlace) this.place(call);
  }

  /**
   * The contact's next step after a call (inside the settle): the retry policy, or the callback the person asked for,
   * with what came of that callback in words. A retry or callback joins the read-ahead.
   */
  private decideNext(callId: string, end: CallEnd, e: FinishedCall, at: number): { next: RetryDecision; callbackResult: string | null } {
    const { store } = this.o;
    const entry = this.cached(e.campaignId);
    const campaign = entry?.campaign ?? store.campaign(e.campaignId);
    // its campaign was deleted meanwhile: nothing more to decide
    if (!campaign) return { next: { status: 'completed', nextAttemptAt: null }, callbackResult: null };
    const { contact, fromNumberId } = this.live.get(callId) ?? {};
    let next = decideAfterAttempt(campaign, end.outcome, { attempts: e.attempts, noAnswer: e.noAnswerAttempts, busy: e.busyAttempts, error: e.errorAttempts }, at);
    let callbackResult: string | null = null;
    if (end.callback) {
      const call = { outcome: end.outcome, optedOut: end.optedOut ?? false, endedAt: at, attempts: e.attempts };
      const callback = decideCallback(campaign, contact ? contact.zoneKey : store.zoneKeyOf(e.seq), end.callback, call, next);
      next = callback.next;
      callbackResult = callback.result;
    }
    if (entry && next.status === 'pending' && next.nextAttemptAt !== null) {
      if (contact) {
        const counts = { attempts: e.attempts, noAnswerAttempts: e.noAnswerAttempts, busyAttempts: e.busyAttempts, errorAttempts: e.errorAttempts };
        rememberRetry(entry, { ...contact, ...counts, nextAttemptAt: next.nextAttemptAt, fromNumberId: fromNumberId ?? contact.fromNumberId });
      } else {
        // a call adopted after a restart: its contact is not at hand, so the retries are read again
        entry.retries.clear();
        entry.retriesUntil = Math.min(entry.retriesUntil, next.nextAttemptAt);
      }
    }
    return { next, callbackResult };
  }

  /** Counts technical failures in a row; at a burst, pauses the campaign and returns the count (else 0). */
  private pauseOnFailureBurst(campaignId: string, outcome: CallOutcome, at: number): number {
    const inARow = outcome === 'failed' ? (this.failuresInARow.get(campaignId) ?? 0) + 1 : 0;
    this.failuresInARow.set(campaignId, inARow);
    if (inARow < FAILURE_BURST || !this.o.store.pauseIfRunning(campaignId, at)) return 0;
    this.failuresInARow.set(campaignId, 0);
    this.cache.delete(campaignId);
    return inARow;
  }

  private armWake(campaignId: string, at: number | null): void {
    const current = this.wake.get(campaignId);
    if (at === null) return this.clearWake(campaignId);
    if (current?.at === at) return;
    this.clearWake(campaignId);
    this.wake.set(campaignId, { at, handle: this.o.clock.at(at, () => this.pump(campaignId)) });
  }

  private clearWake(campaignId: string): void {
    const current = this.wake.get(campaignId);
    if (current) this.o.clock.cancel(current.handle);
    this.wake.delete(campaignId);
  }

  private armSafetyTick(): void {
    const every = this.o.safetyTickMs ?? 30_000;
    if (!every || this.stopped) return;
    this.safetyHandle = this.o.clock.at(this.o.clock.now() + every, () => {
      // another process sharing the database may have changed a campaign: read everything afresh
      this.cache.clear();
      for (const id of this.o.store.runningCampaignIds()) this.pump(id);
      // and one may have crashed with calls in progress that this dialer has not seen
      void this.sweep();
      this.armSafetyTick();
    });
  }
}
