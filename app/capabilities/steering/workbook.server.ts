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

export function workbookStream(
  services: Services,
  actor: Actor,
  filters: SteeringFilters,
  tables: readonly IndicatorTable[],
  labels: Labels,
): ReadableStream<Uint8Array> {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  const write = async () => {
    for (const table of tables) {
      const worksheet = workbook.addWorksheet(table.name);
      worksheet.columns = table.headers.map((header) => ({ header, width: Math.max(14, header.length + 2) }));
      worksheet.getRow(1).font = { bold: true };
      for (const row of table.rows) worksheet.addRow(row).commit();
      worksheet.commit();
    }
    const detail = workbook.addWorksheet('Détail anonyme');
    detail.columns = DETAIL_COLUMNS.map((header) => ({ header, width: 18 }));
    detail.getRow(1).font = { bold: true };
    for await (const batch of exportRows(services, actor, filters))
      for (const row of batch) detail.addRow(detailCells(row, labels)).commit();
    detail.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => stream.destroy(error as Error));
  return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
}
