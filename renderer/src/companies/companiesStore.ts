import { createPagedListStore } from '../common/pagedListStore';

export const useCompanies = createPagedListStore('companies.list', 'company', { limit: 25 });
