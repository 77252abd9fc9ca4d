import { Button } from 'antd';
import { toCsv, type CsvCell } from '../export/csv';
import { downloadCsv } from '../export/download';
import { useLocale } from '../i18n/locale';

/** Downloads what a table shows as a CSV file, built in the browser from the data already loaded. */
export function CsvButton({
  filename,
  header,
  rows,
  testId,
}: {
  filename: string;
  header: readonly string[];
  rows: readonly (readonly CsvCell[])[] | undefined;
  testId: string;
}) {
  const { t } = useLocale();
  return (
    <Button
      size="small"
      disabled={rows === undefined}
      data-testid={testId}
      onClick={() => rows && downloadCsv(filename, toCsv(header, rows))}
    >
      {t('csv.download')}
    </Button>
  );
}
