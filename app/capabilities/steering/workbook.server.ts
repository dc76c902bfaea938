// Le classeur XLSX du pilotage (exceljs, écrit au fil de l'eau) : une feuille par indicateur, puis le détail
// anonyme des sollicitations, lot par lot.
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Actor } from '../../platform/policies';
import type { Services } from '../../platform/services.server';
import type { SteeringFilters } from './filters';
import { exportRows } from './exports.server';
import { DETAIL_COLUMNS, detailCells, type Labels } from './detail';
import type { IndicatorTable } from './tables';
import { COOP_XLSX_COLUMNS, coopCollectiveXlsxRow, coopXlsxRow, type Place } from './coop';
import { collectiveRows } from './workshop-exports.server';

const DATE_COLUMN = DETAIL_COLUMNS.indexOf('Date');
const DURATION_COLUMN = DETAIL_COLUMNS.indexOf('Durée (minutes)');

export function workbookStream(
  services: Services,
  actor: Actor,
  scope: { filters: SteeringFilters; table: IndicatorTable },
  tables: readonly IndicatorTable[],
  labels: Labels,
): ReadableStream<Uint8Array> {
  const filters = scope.table;
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  const write = async () => {
    for (const table of [filters, ...tables]) {
      const worksheet = workbook.addWorksheet(table.name);
      worksheet.columns = table.headers.map((header) => ({ header, width: Math.max(14, header.length + 2) }));
      worksheet.getRow(1).font = { bold: true };
      for (const row of table.rows) worksheet.addRow(row).commit();
      worksheet.commit();
    }
    const detail = workbook.addWorksheet('Détail anonyme');
    // Des dates de tableur et des durées en heures et minutes (le CSV garde le jour AAAA-MM-JJ et les minutes).
    detail.columns = DETAIL_COLUMNS.map((header, i) =>
      i === DATE_COLUMN
        ? { header, width: 12, style: { numFmt: 'dd/mm/yyyy' } }
        : i === DURATION_COLUMN
          ? { header: 'Durée (h:mm)', width: 12, style: { numFmt: '[h]:mm' } }
          : { header, width: 18 },
    );
    detail.getRow(1).font = { bold: true };
    for await (const batch of exportRows(services, actor, scope.filters))
      for (const row of batch) {
        const cells: Array<string | number | Date> = detailCells(row, labels);
        cells[DATE_COLUMN] = new Date(`${cells[DATE_COLUMN]}T00:00:00Z`);
        cells[DURATION_COLUMN] = row.durationMinutes / (24 * 60);
        detail.addRow(cells).commit();
      }
    detail.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => stream.destroy(error as Error));
  return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
}

/** Le classeur des activités aux en-têtes et libellés de l'export XLSX de la Coop : une feuille « Activités ». */
export function coopWorkbookStream(services: Services, actor: Actor, filters: SteeringFilters, home: Place): ReadableStream<Uint8Array> {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  const write = async () => {
    const sheet = workbook.addWorksheet('Activités');
    sheet.columns = COOP_XLSX_COLUMNS.map((header) =>
      header === 'Date' ? { header, width: 12, style: { numFmt: 'dd/mm/yyyy' } } : { header, width: Math.max(14, header.length + 2) },
    );
    sheet.getRow(1).font = { bold: true };
    for await (const batch of exportRows(services, actor, filters)) for (const row of batch) sheet.addRow(coopXlsxRow(row, home)).commit();
    for (const row of await collectiveRows(services, actor, filters)) sheet.addRow(coopCollectiveXlsxRow(row)).commit();
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => stream.destroy(error as Error));
  return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
}
