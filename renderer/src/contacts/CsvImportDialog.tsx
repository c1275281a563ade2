import { Alert, Button, FileInput, Group, Modal, Progress, Select, Stack, Table, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { CSV_CONTACT_FIELDS, CSV_FIELD_LABELS, type CsvImportResult, type CsvMapping, type CsvPreview } from '../../../shared/crm/csvImport';
import { customFieldKeys, customTarget } from '../../../shared/crm/csvMapping';
import { api } from '../api/api';
import { showError } from '../common/errors';
import { useCompanyOptions } from '../companies/useCompanyOptions';
import { downloadText } from '../common/download';
import { errorReportCsv } from './errorReport';
import { countOf, NOUNS } from '../common/words';

const FIELD_TARGETS = CSV_CONTACT_FIELDS.map((f) => ({ value: f, label: CSV_FIELD_LABELS[f] }));

/** What a column can import as: nothing, the custom field named after its header, or a contact field. */
function targetsOf(customKey: string) {
  return [{ value: 'ignore', label: "Don't import" }, { value: customTarget(customKey), label: `Custom field: ${customKey}` }, ...FIELD_TARGETS];
}

interface Props {
  defaultCompanyId?: string;
  onClose(): void;
}

export function CsvImportDialog({ defaultCompanyId, onClose }: Props) {
  const companies = useCompanyOptions();
  const [companyId, setCompanyId] = useState<string | null>(defaultCompanyId ?? null);
  const [csv, setCsv] = useState<string | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [mapping, setMapping] = useState<CsvMapping>({});
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<CsvImportResult | null>(null);
  const customKeys = useMemo(() => customFieldKeys(preview?.headers ?? []), [preview]);

  useEffect(
    () =>
      api.on('contacts.importProgress', (p) =>
        setProgress((current) => (current ? { ...current, done: p.processedRows } : current)),
      ),
    [],
  );

  async function choose(file: File | null) {
    setResult(null);
    setPreview(null);
    if (!file) return setCsv(null);
    const text = await file.text();
    setCsv(text);
    try {
      const found = await api.invoke('contacts.importPreview', { csv: text });
      setPreview(found);
      setMapping(found.mapping);
    } catch (error) {
      showError(error);
    }
  }

  async function runImport() {
    if (!csv || !companyId) return;
    setProgress({ done: 0, total: Math.max(1, csv.split('\n').length - 1) });
    try {
      setResult(await api.invoke('contacts.import', { companyId, csv, mapping }));
    } catch (error) {
      showError(error);
    } finally {
      setProgress(null);
    }
  }

  return (
    <Modal opened onClose={onClose} title="Import contacts from CSV" size="xl">
      <Stack>
        <Select label="Company" required searchable data={companies} value={companyId} onChange={setCompanyId} />
        <FileInput label="CSV file" accept=".csv,text/csv" placeholder="Choose a .csv file" onChange={(file) => void choose(file)} />
        {preview && (
          <Table aria-label="Column mapping">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Column in the file</Table.Th>
                <Table.Th>Example</Table.Th>
                <Table.Th>Imports as</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.headers.map((header, i) => (
                <Table.Tr key={header}>
                  <Table.Td>{header}</Table.Td>
                  <Table.Td>{preview.sampleRows[0]?.[i]}</Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`Map ${header}`}
                      data={targetsOf(customKeys.get(header)!)}
                      value={mapping[header] ?? 'ignore'}
                      onChange={(value) => setMapping({ ...mapping, [header]: (value ?? 'ignore') as CsvMapping[string] })}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {progress && (
          <Progress value={(100 * progress.done) / progress.total} aria-label="Import progress" animated />
        )}
        {result && (
          <Alert color={result.failed + result.duplicates ? 'yellow' : 'green'} title="Import finished">
            <Text>
              {result.imported.toLocaleString()} imported, {countOf(result.duplicates, NOUNS.duplicate)} skipped,{' '}
              {countOf(result.failed, NOUNS.row)} with errors.
            </Text>
            {result.errors.length > 0 && (
              <Button mt="sm" size="xs" variant="light" onClick={() => downloadText('import-errors.csv', errorReportCsv(result.errors))}>
                Download error report
              </Button>
            )}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {result ? 'Close' : 'Cancel'}
          </Button>
          <Button disabled={!csv || !companyId || Boolean(progress)} loading={Boolean(progress)} onClick={() => void runImport()}>
            Import contacts
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
