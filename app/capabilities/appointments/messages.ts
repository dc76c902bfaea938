// Les messages d'un rendez-vous (issue 22), en fonctions pures : la confirmation, le rappel 48 heures avant, le
// changement d'heure et l'annulation par le service ; par e-mail (avec l'invitation d'agenda .ics, faite par la bibliothèque `ics`) ou par
// SMS (court, avec le lien d'annulation) ; le canal que la personne préfère, sinon celui qu'elle a.
import { createEvent } from 'ics';
import type { MailAttachment } from '../../platform/mail.server';
import { dateFormat } from '../../platform/time';

export type AppointmentMessageKind = 'confirmation' | 'changement' | 'rappel' | 'annulation' | 'plus_tot';

export interface AppointmentMessageContext {
  id: string;
  /**
   * L'événement d'agenda : l'identifiant du premier rendez-vous d'une suite de changements d'heure, et le nombre de
   * changements. Le même identifiant avec un numéro plus grand met à jour l'événement déjà dans l'agenda.
   */
  calendar: { uid: string; sequence: number };
  /** Changé d'heure : l'heure d'avant. */
  previousStartsAt?: Date | null;
  structureName: string;
  motifName: string;
  where: string;
  siteName: string;
  siteAddress: string | null;
  sitePhone: string | null;
  agentName: string;
  startsAt: Date;
  endsAt: Date;
  instructions: string | null;
  /** Le lien pour annuler soi-même (jusqu'à 4 heures avant) ; null s'il n'est plus temps. */
  cancelUrl: string | null;
  cancelReason: string | null;
  /** « Plus tôt » : l'heure libre proposée (le lien, celui du rendez-vous, permet de la prendre). */
  offeredAt?: Date | null;
}

const longWhen = dateFormat({ weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
const shortWhen = dateFormat({ weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** Par où joindre la personne : e-mail si elle le préfère et en a un ; sinon SMS au téléphone ; sinon e-mail ; sinon rien. */
export function channelFor(person: { preferredContact: string | null; phone: string | null; email: string | null }) {
  if (person.preferredContact === 'email' && person.email) return { channel: 'email' as const, recipient: person.email };
  if (person.phone) return { channel: 'sms' as const, recipient: person.phone };
  if (person.email) return { channel: 'email' as const, recipient: person.email };
  return null;
}

const SUBJECTS: Record<AppointmentMessageKind, string> = {
  confirmation: 'Votre rendez-vous est pris',
  changement: 'Votre rendez-vous a changé',
  rappel: 'Rappel : votre rendez-vous',
  annulation: 'Votre rendez-vous est annulé',
  plus_tot: 'Une place plus tôt pour votre rendez-vous',
};

/** L'e-mail : ce qui se passe, quand, où, avec qui, quoi apporter, comment annuler. */
export function appointmentEmail(kind: AppointmentMessageKind, c: AppointmentMessageContext) {
  const where = [c.siteName, c.siteAddress].filter(Boolean).join(', ');
  const lines =
    kind === 'plus_tot'
      ? [
          'Bonjour,',
          '',
          `Vous avez rendez-vous le ${longWhen.format(c.startsAt)} (${c.motifName}).`,
          `Une place plus tôt s'est libérée : le ${longWhen.format(c.offeredAt ?? c.startsAt)}.`,
          `Pour la prendre, ouvrez ce lien : ${c.cancelUrl}`,
          'Vous ne faites rien ? Votre rendez-vous ne change pas.',
        ]
      : kind === 'annulation'
        ? [
            'Bonjour,',
            '',
            `Votre rendez-vous du ${longWhen.format(c.startsAt)} (${c.motifName}) est annulé par ${c.structureName}.`,
            c.cancelReason ? `Raison : ${c.cancelReason}` : null,
            c.sitePhone ? `Pour en prendre un autre, appelez le ${c.sitePhone}.` : 'Pour en prendre un autre, contactez-nous.',
          ]
        : [
            'Bonjour,',
            '',
            kind === 'rappel'
              ? 'Nous vous rappelons votre rendez-vous :'
              : kind === 'changement'
                ? `Votre rendez-vous${c.previousStartsAt ? ` du ${longWhen.format(c.previousStartsAt)}` : ''} a changé. Le voici :`
                : 'Votre rendez-vous est pris :',
            `- le ${longWhen.format(c.startsAt)} ;`,
            `- pour : ${c.motifName} (${c.where.toLowerCase()}) ;`,
            `- avec ${c.agentName}, ${where}.`,
            c.instructions ? `\nÀ apporter, à savoir : ${c.instructions}` : null,
            '',
            c.cancelUrl
              ? `Vous ne pouvez pas venir ? Annulez ici, jusqu'à 4 heures avant : ${c.cancelUrl}`
              : c.sitePhone
                ? `Vous ne pouvez pas venir ? Appelez le ${c.sitePhone}.`
                : null,
            kind === 'changement'
              ? "L'invitation jointe met l'heure à jour dans votre agenda."
              : "L'invitation jointe ajoute le rendez-vous à votre agenda.",
          ];
  return {
    subject: `${SUBJECTS[kind]} (${c.structureName})`,
    body: [...lines.filter((line) => line !== null), '', c.structureName].join('\n'),
  };
}

/** Le SMS : court, l'essentiel et le lien pour annuler. */
export function appointmentSms(kind: AppointmentMessageKind, c: AppointmentMessageContext) {
  const when = shortWhen.format(c.startsAt);
  if (kind === 'plus_tot')
    return `${c.structureName} : une place plus tôt est libre le ${shortWhen.format(c.offeredAt ?? c.startsAt)}. La prendre : ${c.cancelUrl}`;
  if (kind === 'annulation')
    return `${c.structureName} : votre RDV du ${when} est annulé.${c.sitePhone ? ` Pour un autre RDV : ${c.sitePhone}.` : ''}`;
  const head = kind === 'rappel' ? 'Rappel RDV' : kind === 'changement' ? 'RDV changé, maintenant' : 'RDV pris';
  return `${c.structureName} : ${head} le ${when}, ${c.siteName}.${c.cancelUrl ? ` Annuler : ${c.cancelUrl}` : ''}`;
}

/** L'invitation d'agenda (.ics) ; annulée, elle retire l'événement de l'agenda qui l'avait. */
export function appointmentIcs(c: AppointmentMessageContext, cancelled: boolean): MailAttachment {
  const { error, value } = createEvent({
    uid: `${c.calendar.uid}@relais`,
    start: c.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: c.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: `${c.motifName} — ${c.structureName}`,
    description: [`Avec ${c.agentName}.`, c.instructions].filter(Boolean).join('\n'),
    location: [c.siteName, c.siteAddress].filter(Boolean).join(', '),
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    method: cancelled ? 'CANCEL' : 'PUBLISH',
    sequence: c.calendar.sequence + (cancelled ? 1 : 0),
    productId: 'relais/rendez-vous',
  });
  if (error || !value) throw error ?? new Error('Invitation .ics vide');
  return { filename: 'rendez-vous.ics', contentType: 'text/calendar; charset=utf-8', content: value };
}
