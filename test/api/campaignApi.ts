import { expect } from 'vitest';
import type { Core } from '../../main/core';
import type { Campaign } from '../../shared/campaigns/types';
import { makeWorld, required, T0, type World } from '../campaigns/fixtures';
import { testCore } from '../support/core';
import { send, startApiServer, type Reply } from './http';

export interface CampaignApi {
  core: Core;
  w: World;
  port: number;
  /** One request with the API key. */
  call(method: string, path: string, body?: unknown): Promise<Reply>;
  /** POST /api/crm/campaigns with the required fields and `extra`, expected to answer 201; the campaign. */
  createCampaign(extra?: Record<string, unknown>): Promise<Campaign>;
}

/** A fresh core with the campaign fixtures, its local API on a free port, and an API key for it. */
export async function openCampaignApi(): Promise<CampaignApi> {
  const core = await testCore(() => T0);
  const w = await makeWorld(core);
  const { port } = await startApiServer(core);
  const { key } = await core.services.apiKeys.create(core.localTeam, 'Test key');
  const call = (method: string, path: string, body?: unknown) => send(port, path, { method, key, body });
  return {
    core,
    w,
    port,
    call,
    async createCampaign(extra = {}) {
      const reply = await call('POST', '/api/crm/campaigns', required(w, extra));
      expect(reply.status, reply.text).toBe(201);
      return reply.json.campaign;
    },
  };
}
