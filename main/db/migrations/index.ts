import { crm } from './001-crm';
import { contactSearch } from './002-contact-search';
import { campaigns } from './003-campaigns';
import { calls } from './004-calls';
import { apiKeys } from './005-api-keys';
import { campaignStats } from './006-campaign-stats';
import { telephony } from './007-telephony';
import { compliance } from './008-compliance';
import { rollingCapIndex } from './009-rolling-cap-index';
import { enrolmentContactSeq } from './010-enrolment-contact-seq';
import { evergreenDncLists } from './011-evergreen-dnc-lists';
import { dialerLeases } from './012-dialer-leases';
import { sealedSecretsAndMedia } from './013-sealed-secrets-and-media';
import { importJobs } from './014-import-jobs';
import { voicemailDetection } from './015-voicemail-detection';
import { assistantEngines } from './016-assistant-engines';
import { callTranscripts } from './017-call-transcripts';
import { callAnalyses } from './018-call-analyses';
import { webhooks } from './019-webhooks';
import { webhookOutbox } from './020-webhook-outbox';
import type { Migration } from './types';

/** Every schema change, in order. Append only: a shipped migration never changes. */
export const migrations: readonly Migration[] = [
  crm,
  contactSearch,
  campaigns,
  calls,
  apiKeys,
  campaignStats,
  telephony,
  compliance,
  rollingCapIndex,
  enrolmentContactSeq,
  evergreenDncLists,
  dialerLeases,
  sealedSecretsAndMedia,
  importJobs,
  voicemailDetection,
  assistantEngines,
  callTranscripts,
  callAnalyses,
  webhooks,
  webhookOutbox,
];
