import { useEffect, useState } from 'react';
import type { CallDetail } from '../../../shared/calls/types';
import { AppError } from '../../../shared/errors';
import { api } from '../api/api';
import { showError } from '../common/errors';

/** One call's detail, loaded again while the call goes on (its turns and its end arrive); 'missing' when there is no such call. */
export function useCallDetail(callId: string): CallDetail | 'missing' | null {
  const [call, setCall] = useState<CallDetail | 'missing' | null>(null);
  useEffect(() => {
    let live = true;
    setCall(null);
    const load = () =>
      api.invoke('calls.get', { id: callId }).then(
        (detail) => live && setCall(detail),
        (error: unknown) => {
          if (!live) return;
          if (error instanceof AppError && error.code === 'not_found') setCall('missing');
          else showError(error);
        },
      );
    void load();
    const reload = (change: { callId: string }) => {
      if (change.callId === callId) void load();
    };
    const offs = [api.on('calls.changed', reload), api.on('calls.analyzed', reload)];
    return () => {
      live = false;
      offs.forEach((off) => off());
    };
  }, [callId]);
  return call;
}
