// La synthèse remise à la personne, en « facile à lire et à comprendre » : grands caractères, phrases courtes,
// une idée par ligne, ce qu'elle sait déjà faire d'abord.
import { createPdf, pdfBuffer, pdfText, PDF_FONTS } from '../../platform/pdf.server';
import { weekSchedule } from '../directory/opening-hours';
import type { DiagnosisView } from './diagnoses.server';
import type { PlanStep } from './plan.server';
import { ACCOUNTS, SKILLS, type Account, type Skill } from './vocabulary';
import { dateFormat } from '../../platform/time';

const day = dateFormat({ dateStyle: 'full' });
const weekday = dateFormat({ weekday: 'long' });

/** Ce que la personne fait seule, dit à la deuxième personne. */
export function knownSkills(view: Pick<DiagnosisView, 'answers'>) {
  const a = view.answers;
  const lines: string[] = (Object.keys(SKILLS) as Skill[]).filter((s) => a.skills[s] === 'seul').map((s) => SKILLS[s].falc);
  if (a.email === 'seul') lines.push('Lire et envoyer vos e-mails');
  const accounts = (Object.keys(ACCOUNTS) as Account[]).filter((k) => a.accounts[k] === 'seul').map((k) => ACCOUNTS[k]);
  if (accounts.length) lines.push(`Aller sur vos comptes : ${accounts.join(', ')}`);
  return lines;
}

/**
 * Les horaires d'une semaine en mots, du lundi au dimanche, les jours qui se suivent avec les mêmes heures
 * regroupés : « du lundi au vendredi 9 h – 12 h ; le samedi 10 h – 13 h ». Sans dates : la synthèse dure.
 */
export function openingInWords(week: Array<{ date: Date; intervals: string[] }>) {
  const days = [...week].sort((a, b) => ((a.date.getDay() + 6) % 7) - ((b.date.getDay() + 6) % 7));
  const runs: Array<{ from: Date; to: Date; hours: string }> = [];
  for (const d of days) {
    const hours = d.intervals.join(', ');
    const last = runs.at(-1);
    if (hours && last && last.hours === hours && (last.to.getDay() + 1) % 7 === d.date.getDay()) last.to = d.date;
    else if (hours) runs.push({ from: d.date, to: d.date, hours });
  }
  if (runs.length === 0) return null;
  return runs
    .map((r) =>
      r.from === r.to ? `le ${weekday.format(r.from)} ${r.hours}` : `du ${weekday.format(r.from)} au ${weekday.format(r.to)} ${r.hours}`,
    )
    .join(' ; ');
}

/** Ce que la synthèse lit d'un diagnostic : l'agent la tire de la vue du diagnostic, la personne de ses propres lignes. */
export type SummaryView = Pick<DiagnosisView, 'answers'> & {
  person: { firstName: string };
  diagnosis: { createdAt: Date };
  suggestions: ReadonlyArray<{ label: string }>;
};
export type SummaryStep = Pick<PlanStep, 'label' | 'kind' | 'status' | 'dueOn' | 'place' | 'helperName'>;

export async function diagnosisSummaryPdf(view: SummaryView, steps: SummaryStep[], structureName: string, now: Date) {
  const doc = createPdf({ title: `Votre bilan numérique — ${view.person.firstName}`, author: structureName });
  const width = doc.page.width - 2 * 56;
  const heading = (text: string) =>
    doc.moveDown(0.7).font(PDF_FONTS.bold).fontSize(19).text(pdfText(text), { width }).moveDown(0.25).font(PDF_FONTS.regular).fontSize(15);
  // Une puce par idée ; la suite d'une ligne longue reste alignée sous le texte, pas sous la puce.
  const bullets = (items: string[]) =>
    doc.list(
      items.map((item) => pdfText(`${item}.`)),
      { width, lineGap: 3, bulletRadius: 2.5, textIndent: 14, bulletIndent: 0 },
    );
  const plain = (text: string) => doc.text(pdfText(text), { width, lineGap: 3 });

  doc.font(PDF_FONTS.bold).fontSize(28).text(pdfText('Votre bilan numérique'), { width });
  doc
    .font(PDF_FONTS.regular)
    .fontSize(15)
    .fillColor('#3a3a3a')
    .text(pdfText(`Pour ${view.person.firstName} · ${day.format(view.diagnosis.createdAt)} · ${structureName}`), { width })
    .fillColor('black');

  heading('Ce que vous savez faire');
  const known = knownSkills(view);
  if (known.length) bullets(known);
  else plain('Vous commencez. C’est normal. Nous allons apprendre ensemble, pas à pas.');

  const open = steps.filter((s) => s.status === 'a_faire' || s.status === 'en_cours');
  heading('Ce que nous allons travailler ensemble');
  const planned = open.length ? open.map((s) => s.label) : view.suggestions.map((s) => s.label);
  if (planned.length) bullets(planned);
  else plain('Vous êtes autonome. Vous pouvez revenir nous voir quand vous voulez.');

  const meetings = open.filter((s) => s.place || s.dueOn);
  heading('Vos prochains rendez-vous et lieux');
  if (meetings.length === 0) plain(`Votre médiateur vous dira quand revenir. Vous pouvez aussi venir à : ${structureName}.`);
  for (const step of meetings) {
    doc.font(PDF_FONTS.bold).text(pdfText(step.label), { width }).font(PDF_FONTS.regular);
    if (step.dueOn) plain(`Le ${day.format(new Date(`${step.dueOn}T12:00:00`))}.`);
    if (step.place) {
      plain(`${step.place.name}, ${step.place.street}, ${step.place.postalCode} ${step.place.city}.`);
      if (step.place.phone) plain(`Téléphone : ${step.place.phone}.`);
      const hours = step.place.openingHours ? openingInWords(weekSchedule(step.place.openingHours, now)) : null;
      if (hours) plain(`Ouvert ${hours}.`);
    }
    if (step.helperName) plain(`Avec ${step.helperName}, qui a appris avant vous et vous aidera.`);
    else if (step.kind === 'pair_aidant') plain('Avec une personne qui a appris avant vous et vous aidera.');
    doc.moveDown(0.4);
  }

  heading('Bon à savoir');
  plain('Votre mot de passe est secret. Personne ne doit vous le demander, même pas nous.');
  plain('Vous pouvez refaire ce bilan quand vous voulez, pour voir vos progrès.');
  return pdfBuffer(doc);
}
