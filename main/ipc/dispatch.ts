import { isChannel } from '../../shared/contract/channels';
import { AppError, type Envelope } from '../../shared/errors';
import type { Logger } from '../platform/log';
import { invokeOperation, type HandlerContext, type HandlerTable } from '../operations';

/**
 * The one way into the handler table for every transport: checks the channel name and validates the
 * payload with the channel's shared schema, and turns every failure into an error envelope.
 */
export async function dispatch(
  handlers: HandlerTable,
  channel: unknown,
  payload: unknown,
  ctx: HandlerContext,
  log: Logger,
): Promise<Envelope<unknown>> {
  try {
    if (!isChannel(channel)) throw new AppError('not_found', `Unknown channel ${String(channel)}`);
    return { ok: true, value: await invokeOperation(handlers, channel, payload, ctx) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toShape() };
    log.error('handler failed', { channel: String(channel), error: String((error as Error)?.stack ?? error) });
    return { ok: false, error: { code: 'internal', message: 'Something went wrong inside Dialwell; see the log' } };
  }
}
