import { useEffect, useState } from 'react';
import { api } from '../api/api';
import { showError } from '../common/errors';

/** Companies as select options, kept fresh when companies change. */
export function useCompanyOptions(): { value: string; label: string }[] {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    const load = () =>
      api
        .invoke('companies.list', { limit: 500 })
        .then((page) => setOptions(page.items.map((c) => ({ value: c.id, label: c.name }))))
        .catch(showError);
    void load();
    return api.on('crm.changed', (change) => {
      if (change.entity === 'company') void load();
    });
  }, []);
  return options;
}
