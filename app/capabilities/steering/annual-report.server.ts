// Le rapport d'activité annuel pour le conseil d'administration du CCAS : chiffres clés, évolution sur
// quatre ans, répartitions, autonomie, orientations, mandats, et le texte du responsable. PDF en grands caractères.
import { and, eq, sql } from 'drizzle-orm';
import { PERSON_KEY_SQL } from './scope.server';
import { sqlRows } from '../../db/database.server';
import { structures } from '../../platform/schema';
import { annualReports } from './schema';
import { recordAudit } from '../../platform/audit.server';
import { createPdf, pdfBuffer, pdfText, PDF_FONTS } from '../../platform/pdf.server';
import { growth, share } from './filters';
import { readIndicators, readReferralFigures, type Indicators, type ReferralFigures } from './indicators.server';
import type { Labels } from './detail';
import { hours } from './rules';
import { readProgress } from '../diagnosis/progress.server';
import type { RequestContext } from '../../platform/request.server';
import { localDay } from '../../platform/time';
import { zoneSql } from '../../platform/time.server';

export interface AnnualFigures {
  year: number;
  structure: string;
  indicators: Indicators;
  persons: number;
  mandatesSigned: number;
  acts: number;
  activeAtEnd: number;
  /** Diagnostics de l'année : personnes diagnostiquées, rediagnostiquées, et combien ont progressé ou reculé. */
  diagnoses: { persons: number; repeated: number; improved: number; declined: number };
  /** Orientations envoyées dans l'année, closes, et le délai médian jusqu'au résultat (en jours). */
  referrals: ReferralFigures;
}

const periodOf = (year: number, today: string) => ({ du: `${year}-01-01`, au: `${year}-12-31` < today ? `${year}-12-31` : today });

export async function readAnnualFigures({ actor, tx, now }: RequestContext, year: number): Promise<AnnualFigures> {
  const today = localDay(now);
  const filters = periodOf(year, today);
  const indicators = await readIndicators(tx, actor.structureId, filters);
  const start = sql`(${filters.du}::date)::timestamp at time zone ${zoneSql()}`;
  const end = sql`(${filters.au}::date + 1)::timestamp at time zone ${zoneSql()}`;
  const [counts] = await sqlRows<{ persons: number; signed: number; acts: number; active: number }>(
    tx,
    sql`select
      (select count(distinct ${PERSON_KEY_SQL})::int from solicitations s left join persons p on p.structure_id = s.structure_id and p.id = s.person_id
        where s.structure_id = ${actor.structureId} and s.occurred_at >= ${start} and s.occurred_at < ${end}) as persons,
      (select count(*)::int from mandates where structure_id = ${actor.structureId} and signed_at >= ${start} and signed_at < ${end}) as signed,
      (select count(*)::int from mandate_acts where structure_id = ${actor.structureId} and occurred_at >= ${start} and occurred_at < ${end}) as acts,
      (select count(*)::int from mandates where structure_id = ${actor.structureId} and signed_at < ${end} and expires_at >= ${end} and (revoked_at is null or revoked_at >= ${end})) as active`,
  );
  const [structure] = await tx.select({ name: structures.name }).from(structures).where(eq(structures.id, actor.structureId));
  const progress = await readProgress(tx, actor.structureId, { start, end });
  const referrals = await readReferralFigures(tx, actor.structureId, filters);
  return {
    year,
    structure: structure!.name,
    indicators,
    persons: counts!.persons,
    mandatesSigned: counts!.signed,
    acts: counts!.acts,
    activeAtEnd: counts!.active,
    diagnoses: {
      persons: progress.persons,
      repeated: progress.repeated,
      improved: progress.trends.progres,
      declined: progress.trends.recul,
    },
    referrals,
  };
}

export async function readReportText({ tx, actor }: RequestContext, year: number) {
  const [row] = await tx
    .select({ text: annualReports.text })
    .from(annualReports)
    .where(and(eq(annualReports.structureId, actor.structureId), eq(annualReports.year, year)));
  return row?.text ?? '';
}

export async function saveReportText({ actor, tx, now }: RequestContext, year: number, text: string) {
  await tx
    .insert(annualReports)
    .values({ structureId: actor.structureId, year, text, updatedAt: now, updatedBy: actor.userId })
    .onConflictDoUpdate({
      target: [annualReports.structureId, annualReports.year],
      set: { text, updatedAt: now, updatedBy: actor.userId },
    });
  await recordAudit(tx, actor, 'pilotage.rapport_annuel', { type: 'rapport', id: String(year) });
}

const number = (n: number) => n.toLocaleString('fr-FR');

export async function annualReportPdf(figures: AnnualFigures, text: string, labels: Labels) {
  const { year, indicators: ind } = figures;
  const doc = createPdf({ title: `Rapport d'activité ${year} — ${figures.structure}`, author: figures.structure });
  const width = doc.page.width - 2 * 56;
  // Un titre ne reste jamais seul en bas de page, et un paragraphe court ne se coupe pas : aucune page ne porte une
  // ligne isolée.
  const room = (needed: number) => {
    if (doc.y + needed > doc.page.height - doc.page.margins.bottom) doc.addPage();
  };
  const heading = (t: string) => {
    room(140);
    doc.moveDown(0.8).font(PDF_FONTS.bold).fontSize(18).text(pdfText(t), { width }).moveDown(0.3).font(PDF_FONTS.regular).fontSize(13);
  };
  const para = (t: string) => {
    const height = doc.heightOfString(pdfText(t), { width, lineGap: 3 });
    if (height < doc.page.height / 3) room(height);
    doc.text(pdfText(t), { width, lineGap: 3 }).moveDown(0.4);
  };

  // Couverture.
  doc
    .moveDown(6)
    .font(PDF_FONTS.bold)
    .fontSize(30)
    .text(pdfText(`Rapport d'activité ${year}`), { width });
  doc.moveDown(0.5).font(PDF_FONTS.regular).fontSize(18).text(pdfText(figures.structure), { width });
  doc.moveDown(0.3).fontSize(14).fillColor('#3a3a3a').text('Accompagnement au numérique et accès aux droits', { width }).fillColor('black');
  doc.addPage();

  const previous = ind.byYear.find((y) => y.year === year - 1)?.count;
  const change = growth(ind.total.count, previous);
  const doneInstead = ind.byYearMode.find((r) => r.year === year && r.mode === 'fait_a_la_place')?.count ?? 0;
  heading(`${year} en chiffres`);
  para(
    `${number(ind.total.count)} sollicitations${change === null ? '' : ` (${change > 0 ? '+' : ''}${change} % par rapport à ${year - 1})`}.`,
  );
  para(
    `${number(figures.persons)} personnes identifiées différentes accompagnées (sans compter les demandes anonymes), pendant ${hours(ind.total.minutes)} au total.`,
  );
  para(
    `${share(doneInstead, ind.total.count)} % des démarches ont été faites à la place des personnes ; les autres, avec elles ou en les formant.`,
  );

  heading('Évolution sur quatre ans');
  const years = ind.byYear.filter((y) => y.year > year - 4 && y.year <= year);
  barChart(
    doc,
    years.map((y) => ({ label: String(y.year), value: y.count })),
    width,
  );
  for (const [i, y] of years.entries()) {
    const g = growth(y.count, years[i - 1]?.count ?? ind.byYear.find((x) => x.year === y.year - 1)?.count);
    para(`${y.year} : ${number(y.count)} sollicitations${g === null ? '' : ` (${g > 0 ? '+' : ''}${g} %)`}.`);
  }

  heading('Pour quels organismes et quelles démarches');
  for (const o of ind.byOrganisation.slice(0, 8))
    para(`${labels.organisation(o.key)} : ${number(o.count)} (${share(o.count, ind.total.count)} %)`);
  heading('Niveau de besoin et résultats');
  for (const l of ind.byLevel) para(`${labels.level(l.key)} : ${share(l.count, ind.total.count)} %`);
  for (const o of ind.byOutcome) para(`${labels.outcome(o.key)} : ${share(o.count, ind.total.count)} %`);
  if (ind.byCause[0])
    para(`Première cause de blocage : ${labels.cause(ind.byCause[0].key).toLowerCase()} (${number(ind.byCause[0].count)} fois).`);

  heading('Autonomie : faire avec plutôt que faire à la place');
  for (const y of years) {
    const total = ind.byYearMode.filter((r) => r.year === y.year).reduce((sum, r) => sum + r.count, 0);
    const instead = ind.byYearMode.find((r) => r.year === y.year && r.mode === 'fait_a_la_place')?.count ?? 0;
    para(`${y.year} : ${share(instead, total)} % « fait à la place ».`);
  }
  const dx = figures.diagnoses;
  const persons = (n: number, what: string) => `${number(n)} personne${n > 1 ? 's' : ''} ${what}${n > 1 ? 's' : ''}`;
  if (dx.persons > 0)
    para(
      `${persons(dx.persons, 'diagnostiquée')} en ${year}` +
        (dx.repeated > 0
          ? ` ; ${persons(dx.repeated, 'rediagnostiquée')} : ${number(dx.improved)} en progrès (${share(dx.improved, dx.repeated)} %), ${number(dx.declined)} en recul.`
          : '.'),
    );

  heading('Orientations vers les lieux du territoire');
  const rf = figures.referrals;
  para(
    rf.sent === 0
      ? `Aucune orientation suivie dans Relais en ${year}.`
      : `${number(rf.sent)} orientation${rf.sent > 1 ? 's' : ''} en ${year} : ${number(rf.closed)} close${rf.closed > 1 ? 's' : ''} (${share(rf.closed, rf.sent)} %)` +
          (rf.medianDays === null ? '.' : `, résultat connu en ${number(rf.medianDays)} j en médiane.`),
  );

  heading('Mandats');
  para(
    `${number(figures.mandatesSigned)} mandats signés en ${year}, ${number(figures.acts)} actes faits sous mandat et inscrits au journal ; ${number(figures.activeAtEnd)} mandats actifs en fin de période.`,
  );

  if (text.trim()) {
    heading('Analyse et propositions du responsable');
    para(text.trim());
  }
  return pdfBuffer(doc);
}

/** Colonnes simples dessinées dans le PDF, chaque valeur écrite au-dessus de sa colonne. */
function barChart(doc: PDFKit.PDFDocument, data: Array<{ label: string; value: number }>, width: number) {
  if (data.length === 0) return;
  const height = 140;
  const top = doc.y + 10;
  const left = doc.page.margins.left;
  const max = Math.max(1, ...data.map((d) => d.value));
  const slot = Math.min(120, width / data.length);
  doc.fontSize(11);
  for (const [i, d] of data.entries()) {
    const h = (height * d.value) / max;
    const x = left + i * slot + slot * 0.15;
    doc.rect(x, top + height - h, slot * 0.7, h).fill('#000091');
    doc.fillColor('black').text(pdfText(number(d.value)), x - 10, top + height - h - 14, { width: slot * 0.7 + 20, align: 'center' });
    doc.text(d.label, x - 10, top + height + 4, { width: slot * 0.7 + 20, align: 'center' });
  }
  doc.fontSize(13).text('', left, top + height + 26);
}
