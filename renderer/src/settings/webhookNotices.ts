import { notifications } from '@mantine/notifications';
import { endpointDisabledTitle } from '../../../shared/webhooks/types';
import { api } from '../api/api';

/**
 * Tells whoever has the app open, on whatever page, that an endpoint which kept failing was turned off: its
 * events stop being sent until someone turns it on again. It stays up until dismissed, as nothing else says so.
 * Returns the unsubscribe.
 */
export function announceDisabledWebhooks(): () => void {
  return api.on('webhooks.endpointDisabled', (disabled) =>
    notifications.show({ color: 'red', title: endpointDisabledTitle(disabled), message: disabled.reason, autoClose: false }),
  );
}
