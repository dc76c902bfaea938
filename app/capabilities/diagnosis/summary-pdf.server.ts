// La synthèse remise à la personne, en « facile à lire et à comprendre » : grands caractères, phrases courtes,
// une idée par ligne, ce qu'elle sait déjà faire d'abord.
import { createPdf, pdfBuffer, pdfText, PDF_FONTS } from '../../platform/pdf.server';
import { weekSchedule } from '../directory/opening-hours';
import type { DiagnosisView } from './diagnoses.server';
import type { PlanStep } from './plan.server';
import { ACCOUNTS, SKILLS, type Account, type Skill } from './vocabulary';

const day = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeZone: 'Europe/Paris' });
const weekday = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', timeZone: 'Europe/Paris' });

/** Ce que la personne fait seule, dit à la deuxième personne. */
export function knownSkills(view: Pick<DiagnosisView, 'answers'>) {
  const a = view.answers;
  const lines: string[] = (Object.keys(SKILLS) as Skill[]).filter((s) => a.skills[s] === 'seul').map((s) => SKILLS[s].falc);
  if (a.email === 'seul') lines.push('Lire et envoyer vos e-mails');
  const accounts = (Object.keys(ACCOUNTS) as Account[]).filter((k) => a.accounts[k] === 'seul').map((k) => ACCOUNTS[k]);
  if (accounts.length) lines.push(`Aller sur vos comptes : ${accounts.join(', ')}`);
  return lines;
}

export async function diagnosisSummaryPdf(view: DiagnosisView, steps: PlanStep[], structureName: string, now: Date) {
  const doc = createPdf({ title: `Votre bilan numérique — ${view.person.firstName}`, author: structureName });
  const width = doc.page.width - 2 * 56;
  const heading = (text: string) => doc.moveDown(0.7).font(PDF_FONTS.bold).fontSize(19).text(pdfText(text), { width }).moveDown(0.25).font(PDF_FONTS.regular).fontSize(15);
  // Une puce par idée ; la suite d'une ligne longue reste alignée sous le texte, pas sous la puce.
  const bullets = (items: string[]) => doc.list(items.map((item) => pdfText(`${item}.`)), { width, lineGap: 3, bulletRadius: 2.5, textIndent: 14, bulletIndent: 0 });
  const plain = (text: string) => doc.text(pdfText(text), { width, lineGap: 3 });

  doc.font(PDF_FONTS.bold).fontSize(28).text(pdfText('Votre bilan numérique'), { width });
  doc.font(PDF_FONTS.regular).fontSize(15).fillColor('#3a3a3a').text(pdfText(`Pour ${view.person.firstName} · ${day.format(view.diagnosis.createdAt)} · ${structureName}`), { width }).fillColor('black');

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
      if (step.place.openingHours) {
        const open = weekSchedule(step.place.openingHours, now).filter((d) => d.intervals.length);
        // Les jours de la semaine, sans les dates : la synthèse sert plus d'une semaine.
        if (open.length) plain(`Ouvert le ${open.map((d) => `${weekday.format(d.date)} ${d.intervals.join(', ')}`).join(' ; le ')}.`);
      }
    }
    if (step.helperName) plain(`Avec ${step.helperName}, qui a appris avant vous et vous aidera.`);
    doc.moveDown(0.4);
  }

  heading('Bon à savoir');
  plain('Votre mot de passe est secret. Personne ne doit vous le demander, même pas nous.');
  plain('Vous pouvez refaire ce bilan quand vous voulez, pour voir vos progrès.');
  return pdfBuffer(doc);
}
