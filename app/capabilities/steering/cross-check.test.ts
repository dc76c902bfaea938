// Deux chiffres de même portée s'accordent sur la page de pilotage (issue 19, point 3) : les totaux de chaque
// répartition, l'évolution par année contre la période, et le rapport annuel (« fait à la place » et mandats).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { call } from '../../../test/request';
import { operatorTransaction } from '../../db/transaction.server';
import { memberships, structures, users } from '../../platform/schema';
import type { Actor } from '../../platform/policies';
import { seedDemo } from '../demo/seed-demo.server';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { annualReportPdf, readAnnualFigures } from './annual-report.server';
import { readDashboard } from './dashboard.server';
import { dashboardView } from './dashboard-view';
import type { SteeringFilters } from './filters';
import { labelsFor } from './labels';

describe('pilotage : les chiffres de même portée s’accordent', () => {
  let services: TestServices;
  let manager: Actor & { userId: string };

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    services.clock.now = new Date('2026-12-03T10:00:00Z');
    await seedDemo(services.database, { small: true, today: services.now() });
    const [member] = await operatorTransaction(services.database, (tx) =>
      tx
        .select({ userId: users.id, structureId: memberships.structureId })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .innerJoin(structures, eq(structures.id, memberships.structureId))
        .where(eq(users.email, 'direction@alpha.test')),
    );
    manager = { ...member!, role: 'responsable' };
  }, 120_000);
  afterAll(() => services.database.close());

  const view = async (filters: SteeringFilters) =>
    dashboardView({
      agent: { ...manager, displayName: 'Direction' } as never,
      whole: true,
      params: new URLSearchParams(),
      filters,
      notices: [],
      organisations: {},
      members: [],
      sites: [],
      labels: labelsFor({}),
      dashboard: await call(services, manager, readDashboard, filters),
      today: filters.au,
    });
  const sum = (rows: Array<{ value: number }>) => rows.reduce((s, r) => s + r.value, 0);

  it('de septembre à décembre : chaque répartition fait le total, et l’année en cours dit où elle s’arrête', async () => {
    const autumn = await view({ du: '2026-09-01', au: '2026-12-03' });
    expect(autumn.total).toBeGreaterThan(20);
    for (const rows of [autumn.byMonth, autumn.byTheme, autumn.byLevel, autumn.byOutcome]) expect(sum(rows)).toBe(autumn.total);
    const current = autumn.byYear.at(-1)!;
    expect(current.label).toBe("2026 (jusqu'au 3 déc.)");
    // L'année civile en cours, lue comme période, donne le même chiffre que l'évolution.
    const year = await view({ du: '2026-01-01', au: '2026-12-03' });
    expect(year.total).toBe(current.value);
    expect(year.byYear.at(-1)).toEqual(current);
    const lastYear = await view({ du: '2025-01-01', au: '2025-12-31' });
    expect(lastYear.byYear.at(-1)).toMatchObject({ label: '2025', value: lastYear.total });
    expect(autumn.byYear.find((y) => y.label === '2025')!.value).toBe(lastYear.total);
  });

  it('le rapport annuel : autant d’actes au journal que de démarches faites à la place de personnes connues, et des mandats signés', async () => {
    for (const year of [2023, 2024, 2025]) {
      const report = await call(services, manager, readAnnualFigures, year);
      const doneInstead = report.indicators.byYearMode.find((r) => r.year === year && r.mode === 'fait_a_la_place')?.count ?? 0;
      expect(doneInstead, String(year)).toBeGreaterThan(0);
      expect(report.mandatesSigned, String(year)).toBeGreaterThan(0);
      expect(report.acts, String(year)).toBeGreaterThan(0);
      expect(report.acts, String(year)).toBeLessThanOrEqual(doneInstead);
    }
  });

  it('le rapport annuel PDF : aucune page ne porte une ligne isolée (titre gardé avec sa suite, paragraphe court entier)', async () => {
    const figures = await call(services, manager, readAnnualFigures, 2025);
    const text = 'Nous proposons au conseil un quatrième poste de médiateur. '.repeat(12);
    const pdf = await annualReportPdf(figures, text, labelsFor({}));
    const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
    expect(document.numPages).toBeGreaterThan(2);
    for (let n = 2; n <= document.numPages; n++) {
      const lines = (await (await document.getPage(n)).getTextContent()).items.filter((i) => 'str' in i && i.str.trim() !== '');
      expect(lines.length, `page ${n}`).toBeGreaterThan(3);
    }
  });
});
