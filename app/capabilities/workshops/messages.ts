// Les messages d'un atelier à la personne (issue 23), en fonctions pures : inscription, liste d'attente, place libérée
// à confirmer sous 48 heures, rappel 48 heures avant, séance annulée. Par SMS (court) ou par e-mail, au canal qu'elle
// préfère (la règle des rendez-vous).
import { dateFormat } from '../../platform/time';

export type WorkshopMessageKind = 'inscription' | 'attente' | 'proposition' | 'rappel' | 'annulation';

export interface WorkshopMessageContext {
  structureName: string;
  title: string;
  placeName: string;
  placeAddress: string | null;
  placePhone: string | null;
  startsAt: Date;
  toBring: string | null;
  /** La place proposée se confirme avant cette heure. */
  offerExpiresAt: Date | null;
  cancelReason: string | null;
}

const longWhen = dateFormat({ weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
const shortWhen = dateFormat({ weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

const SUBJECTS: Record<WorkshopMessageKind, string> = {
  inscription: 'Vous êtes inscrit à un atelier',
  attente: 'Vous êtes sur la liste d’attente d’un atelier',
  proposition: 'Une place s’est libérée pour votre atelier',
  rappel: 'Rappel : votre atelier',
  annulation: 'Votre atelier est annulé',
};

const callTo = (c: WorkshopMessageContext) => (c.placePhone ? `appelez le ${c.placePhone}` : `appelez ${c.structureName}`);
const callUs = (c: WorkshopMessageContext) => `A${callTo(c).slice(1)}.`;

function mainLines(kind: WorkshopMessageKind, c: WorkshopMessageContext): string[] {
  const when = longWhen.format(c.startsAt);
  switch (kind) {
    case 'inscription':
      return [`Vous êtes inscrit à l'atelier « ${c.title} ».`, `C'est le ${when}.`];
    case 'attente':
      return [
        `L'atelier « ${c.title} » du ${when} est complet.`,
        'Vous êtes sur la liste d’attente.',
        'Si une place se libère, nous vous écrivons.',
      ];
    case 'proposition':
      return [
        `Une place s'est libérée à l'atelier « ${c.title} », le ${when}.`,
        `Pour la garder, ${callTo(c)} avant le ${longWhen.format(c.offerExpiresAt ?? c.startsAt)}.`,
        'Sans réponse, la place va à la personne suivante.',
      ];
    case 'rappel':
      return [`Rappel : atelier « ${c.title} », le ${when}.`];
    case 'annulation':
      return [
        `L'atelier « ${c.title} » du ${when} est annulé.`,
        ...(c.cancelReason ? [`Raison : ${c.cancelReason}`] : []),
        'Nous sommes désolés.',
      ];
  }
}

/** L'e-mail : ce qui se passe, quand, où, quoi apporter, qui appeler. */
export function workshopEmail(kind: WorkshopMessageKind, c: WorkshopMessageContext) {
  const where = [c.placeName, c.placeAddress].filter(Boolean).join(', ');
  const lines = [
    'Bonjour,',
    '',
    ...mainLines(kind, c),
    ...(kind === 'annulation' || kind === 'attente' ? [] : [`Lieu : ${where}.`]),
    ...(c.toBring && (kind === 'inscription' || kind === 'rappel') ? [`À apporter : ${c.toBring}`] : []),
    ...(kind === 'inscription' || kind === 'rappel' ? ['Vous ne pouvez pas venir ? ' + callUs(c)] : []),
    '',
    c.structureName,
  ];
  return { subject: SUBJECTS[kind], body: lines.join('\n') };
}

/** Le SMS : une ou deux phrases, l'heure courte, le lieu, le numéro à appeler. */
export function workshopSms(kind: WorkshopMessageKind, c: WorkshopMessageContext) {
  const when = shortWhen.format(c.startsAt);
  switch (kind) {
    case 'inscription':
      return `${c.structureName} : inscrit à l'atelier « ${c.title} », ${when}, ${c.placeName}. Empêché ? ${callUs(c)}`;
    case 'attente':
      return `${c.structureName} : atelier « ${c.title} » du ${when} complet. Vous êtes sur la liste d'attente.`;
    case 'proposition':
      return `${c.structureName} : une place s'est libérée, atelier « ${c.title} », ${when}. Pour la garder, ${callTo(c)} avant le ${shortWhen.format(c.offerExpiresAt ?? c.startsAt)}.`;
    case 'rappel':
      return `${c.structureName} : rappel, atelier « ${c.title} », ${when}, ${c.placeName}. Empêché ? ${callUs(c)}`;
    case 'annulation':
      return `${c.structureName} : l'atelier « ${c.title} » du ${when} est annulé. Nous sommes désolés.`;
  }
}
