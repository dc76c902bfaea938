// La fiche d'orientation remise à la personne : où aller, quand, quoi apporter, en grands caractères et en mots
// simples (règles du « facile à lire et à comprendre »).
import { createPdf, pdfBuffer, pdfText, PDF_FONTS } from '../../platform/pdf.server';
import { weekSchedule } from '../directory/opening-hours';
import type { ReferralView } from './referrals.server';
import { toThePerson } from './rules';
import { dateFormat } from '../../platform/time';

const day = dateFormat({ dateStyle: 'full' });
const when = dateFormat({ dateStyle: 'full', timeStyle: 'short' });

/** Ce que la fiche montre : l'orientation, la personne, le lieu, et le partenaire prévenu s'il y en a un. */
export type SlipView = Pick<ReferralView, 'referral' | 'person' | 'place' | 'partnerName'>;

export async function referralSlipPdf(view: SlipView, structureName: string, now: Date) {
  const { referral, person, place } = view;
  const doc = createPdf({ title: `Fiche d'orientation — ${place.name}`, author: structureName });
  const width = doc.page.width - 2 * 56;
  const heading = (text: string) =>
    doc.moveDown(0.6).font(PDF_FONTS.bold).fontSize(19).text(pdfText(text), { width }).moveDown(0.2).font(PDF_FONTS.regular).fontSize(15);
  const line = (text: string) => doc.text(pdfText(text), { width, lineGap: 3 });

  doc
    .font(PDF_FONTS.bold)
    .fontSize(26)
    .text(pdfText(`Vous êtes attendu(e) à : ${place.name}`), { width });
  doc
    .font(PDF_FONTS.regular)
    .fontSize(14)
    .fillColor('#3a3a3a')
    .text(
      pdfText(
        `Pour ${person.firstName}${person.lastName ? ` ${person.lastName}` : ''} · fiche du ${day.format(referral.createdAt)} · ${structureName}`,
      ),
      { width },
    )
    .fillColor('black');

  heading('Pourquoi y aller');
  line(referral.reason);

  heading('Où');
  line(place.street);
  if (place.addressComplement) line(place.addressComplement);
  line(`${place.postalCode} ${place.city}`);
  if (place.phone) line(`Téléphone : ${place.phone}`);

  heading('Quand');
  if (referral.appointmentAt) line(`Votre rendez-vous : ${when.format(referral.appointmentAt)}.`);
  if (place.openingHours) {
    line(referral.appointmentAt ? 'Le lieu est ouvert :' : 'Vous pouvez y aller :');
    for (const d of weekSchedule(place.openingHours, now))
      line(`${d.label} : ${d.intervals.length ? d.intervals.join(', ') : 'fermé'}${d.holiday ? ' (jour férié)' : ''}`);
  } else line('Téléphonez avant d’y aller pour connaître les horaires.');

  if (referral.toBring) {
    heading('Ce que vous apportez');
    line(toThePerson(referral.toBring));
  }

  heading('Bon à savoir');
  line('Personne ne vous demandera votre mot de passe. Gardez-le pour vous.');
  if (view.partnerName && referral.consentShare) line(`${view.partnerName} sait que vous venez.`);
  else line('Montrez cette fiche en arrivant.');
  return pdfBuffer(doc);
}
