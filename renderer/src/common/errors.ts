import { notifications } from '@mantine/notifications';
import { AppError } from '../../../shared/errors';

/** Field errors of a failed save, for the form; anything else becomes a toast. */
export function fieldErrorsOrToast(error: unknown): Record<string, string> {
  if (error instanceof AppError && error.fields) return error.fields;
  showError(error);
  return {};
}

export function showError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  notifications.show({ color: 'red', title: 'Dialwell could not do that', message });
}
