import { channels, type Channel, type ParsedRequestOf, type ResponseOf, type RunningApp } from '../shared/contract/channels';
import { parseInput } from '../shared/validation';
import type { BackupService } from './backups/backupService';
import type { TeamScope } from './crm/context';
import { saveExport, type ChooseSaveFile } from './exports/saveExport';
import type { Services } from './services';
import { publicSettings } from './settings/schema';
import { parsePublicSettingsPatch, type SettingsStore } from './settings/store';

/** Who is calling: every handler acts for one team. */
export type HandlerContext = TeamScope;

export type HandlerTable = {
  [C in Channel]: (request: ParsedRequestOf<C>, ctx: HandlerContext) => Promise<ResponseOf<C>>;
};

/**
 * The one way into an operation, whatever the transport (IPC, the headless host, a REST route): the request is
 * validated with the channel's shared schema (a bad one is an error naming each field), then the operation runs.
 */
export function invokeOperation<C extends Channel>(operations: HandlerTable, channel: C, payload: unknown, ctx: HandlerContext): Promise<ResponseOf<C>> {
  const request = parseInput(channels[channel].request, payload);
  return (operations[channel] as (req: unknown, ctx: HandlerContext) => Promise<ResponseOf<C>>)(request, ctx);
}

/** Every operation by contract channel -> its service call. Knows no transport (IPC and the headless host dispatch into it); requests arrive already validated. */
export function createHandlers(s: Services, settings: SettingsStore, running: RunningApp, backups: BackupService, chooseSaveFile?: ChooseSaveFile): HandlerTable {
  return {
    'app.info': async (_req, ctx) => ({ version: s.version, teamId: ctx.teamId, databaseFile: s.store.file, running }),

    'companies.list': (req, ctx) => s.companies.list(ctx, req),
    'companies.get': (req, ctx) => s.companies.get(ctx, req.id),
    'companies.create': (req, ctx) => s.companies.create(ctx, req),
    'companies.update': (req, ctx) => s.companies.update(ctx, req.id, req.changes),
    'companies.deletion': (req, ctx) => s.companies.deletion(ctx, req.id),
    'companies.delete': (req, ctx) => s.companies.remove(ctx, req.id),

    'contacts.list': (req, ctx) => s.contacts.list(ctx, req),
    'contacts.get': (req, ctx) => s.contacts.get(ctx, req.id),
    'contacts.create': (req, ctx) => s.contacts.create(ctx, req),
    'contacts.update': (req, ctx) => s.contacts.update(ctx, req.id, req.changes),
    'contacts.delete': (req, ctx) => s.contacts.remove(ctx, req.id),
    'contacts.importPreview': (req) => s.csvImport.preview(req.csv, req.mapping),
    'contacts.import': (req, ctx) =>
      s.csvImport.import(ctx, req.csv, {
        companyId: req.companyId,
        mapping: req.mapping,
        onProgress: (p) => s.events.emit('contacts.importProgress', p),
      }),

    'assistants.list': (req, ctx) => s.assistants.list(ctx, req),
    'assistants.get': (req, ctx) => s.assistants.get(ctx, req.id),
    'assistants.create': (req, ctx) => s.assistants.create(ctx, req),
    'assistants.update': (req, ctx) => s.assistants.update(ctx, req.id, req.changes),
    'assistants.previewContact': (req, ctx) => s.assistants.previewContact(ctx, req.contactId),

    'phoneNumbers.list': (req, ctx) => s.phoneNumbers.list(ctx, req),
    'phoneNumbers.get': (req, ctx) => s.phoneNumbers.get(ctx, req.id),
    'phoneNumbers.create': (req, ctx) => s.phoneNumbers.create(ctx, req),
    'phoneNumbers.update': (req, ctx) => s.phoneNumbers.update(ctx, req.id, req.changes),

    'trunks.list': (_req, ctx) => s.trunks.list(ctx),
    'trunks.create': (req, ctx) => s.trunks.create(ctx, req),
    'trunks.update': (req, ctx) => s.trunks.update(ctx, req.id, req.changes),
    'trunks.remove': (req, ctx) => s.trunks.remove(ctx, req.id),

    'media.upload': (req, ctx) => s.media.upload(ctx, req),

    'campaigns.list': (req, ctx) => s.campaigns.list(ctx, req),
    'campaigns.get': (req, ctx) => s.campaigns.get(ctx, req.id),
    'campaigns.create': ({ enrol, ...body }, ctx) => s.campaigns.create(ctx, body, enrol),
    'campaigns.update': (req, ctx) => s.campaigns.update(ctx, req.id, req.changes, req.enrol),
    'campaigns.delete': (req, ctx) => s.campaigns.remove(ctx, req.id),
    'campaigns.duplicate': (req, ctx) => s.enrolment.duplicate(ctx, req.id, req.name),
    'campaigns.run': (req, ctx) => s.campaigns.run(ctx, req.id, req.action),
    'campaigns.enrol': (req, ctx) => s.enrolment.enrol(ctx, req),
    'campaigns.contacts': (req, ctx) => s.enrolment.list(ctx, req),
    'campaigns.dashboard': (req, ctx) => s.dashboard.dashboard(ctx, req.id),
    'campaigns.callSeries': (req, ctx) => s.dashboard.callSeries(ctx, req.id),
    'campaigns.preflight': (req, ctx) => s.preflight.campaign(ctx, req.id),
    'campaigns.preflightDraft': (req, ctx) => s.preflight.draft(ctx, req),
    'campaigns.results': (req, ctx) => s.analysisResults(ctx, req.id),
    'calls.list': (req, ctx) => s.calls.list(ctx, req),
    'calls.get': (req, ctx) => s.calls.detail(ctx, req.id, (callId) => s.recordingLinks.link(running.shell, callId)),

    'dnc.lists': async (_req, ctx) => s.dncLists.list(ctx),
    'dnc.import': async (req, ctx) => s.dncLists.import(ctx, req),
    'dnc.rename': async (req, ctx) => s.dncLists.rename(ctx, req.id, req.name),
    'dnc.delete': async (req, ctx) => s.dncLists.remove(ctx, req.id),
    'dnc.numbers': async (req, ctx) => s.dncNumbers.numbers(ctx, req),
    'dnc.addNumber': async (req, ctx) => s.dncNumbers.add(ctx, req),
    'dnc.removeNumber': async (req, ctx) => s.dncNumbers.remove(ctx, req),
    'compliance.decisions': async (req, ctx) => s.decisions.list(ctx, req),
    'compliance.decisionsCsv': async (req, ctx) => ({ csv: await s.decisions.csv(ctx, req.id) }),
    'exports.save': (req, ctx) => saveExport(s.exports, ctx, req, chooseSaveFile),

    'apiKeys.list': (_req, ctx) => s.apiKeys.list(ctx),
    'apiKeys.create': (req, ctx) => s.apiKeys.create(ctx, req.name),
    'apiKeys.revoke': (req, ctx) => s.apiKeys.revoke(ctx, req.id),

    'settings.get': async () => publicSettings(settings.get()),
    'settings.update': async (req) => publicSettings(settings.set(parsePublicSettingsPatch(req))),
    'voice.getSettings': async () => s.voiceSettings.view(),
    'voice.updateSettings': async (req) => s.voiceSettings.update(req),
    'voice.testConnection': (req) => s.voiceSettings.testConnection(req),

    'webhooks.list': async (_req, ctx) => s.webhooks.list(ctx),
    'webhooks.create': async (req, ctx) => s.webhooks.create(ctx, req),
    'webhooks.update': async (req, ctx) => s.webhooks.update(ctx, req),
    'webhooks.delete': async (req, ctx) => s.webhooks.remove(ctx, req.id),
    'webhooks.rotateSecret': async (req, ctx) => s.webhooks.rotateSecret(ctx, req.id),
    'webhooks.deliveries': async (req, ctx) => s.webhooks.deliveries(ctx, req),
    'webhooks.resend': async (req, ctx) => s.webhooks.resend(ctx, req),

    'backups.list': async () => backups.list(),
    'backups.create': () => backups.create('manual'),
    'backups.restore': (req) => backups.restore(req.id),
  };
}
