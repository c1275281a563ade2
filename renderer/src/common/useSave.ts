import { useState } from 'react';
import { fieldErrorsOrToast } from './errors';

/** Runs a save; on a validation error keeps what was typed and returns the errors per field. */
export function useSave<T>(save: () => Promise<T>, onSaved: (value: T) => void) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  async function submit() {
    setSaving(true);
    try {
      const value = await save();
      setErrors({});
      onSaved(value);
    } catch (error) {
      setErrors(fieldErrorsOrToast(error));
    } finally {
      setSaving(false);
    }
  }
  return { errors, saving, submit };
}
