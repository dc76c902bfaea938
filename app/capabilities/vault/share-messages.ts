// Les deux e-mails d'un partage à un organisme, envoyés à part : le lien, puis le code. Ni l'un ni l'autre ne suffit
// seul ; aucun ne dit ce que sont les papiers (le lien, ouvert avec le code, le montre). Fonctions pures.
import { dateFormat } from '../../platform/time';

const when = dateFormat({ dateStyle: 'long', timeStyle: 'short' });

export interface ShareMessageContext {
  personName: string;
  structureName: string;
  recipientName: string;
  documentCount: number;
  expiresAt: Date;
}

export function shareLinkEmail(context: ShareMessageContext, url: string) {
  const papers = context.documentCount > 1 ? `${context.documentCount} papiers` : 'un papier';
  return {
    subject: `${context.personName} vous transmet ${papers} (${context.structureName})`,
    body: [
      'Bonjour,',
      '',
      `${context.personName} vous transmet ${papers} pour ${context.recipientName}, depuis son coffre-fort Relais (${context.structureName}).`,
      '',
      `Ouvrez ce lien : ${url}`,
      '',
      'Un code à six chiffres vous est envoyé dans un autre message : il est demandé à la première ouverture.',
      `Le lien vaut jusqu'au ${when.format(context.expiresAt)}, sauf si la personne arrête le partage avant.`,
      'Chaque ouverture est montrée à la personne. Les papiers portent la mention de ce partage.',
    ].join('\n'),
  };
}

export function shareCodeEmail(context: ShareMessageContext, code: string) {
  return {
    subject: `Code pour ouvrir les papiers transmis par ${context.personName}`,
    body: [
      'Bonjour,',
      '',
      `Voici le code pour ouvrir les papiers que ${context.personName} vous transmet : ${code.slice(0, 3)} ${code.slice(3)}`,
      '',
      'Le lien vous est arrivé dans un autre message. Le code ne sert qu’une fois, sur un seul navigateur.',
      'Si vous n’attendiez pas ce message, ignorez-le.',
    ].join('\n'),
  };
}

/** La mention portée par chaque page transmise. */
export const shareMark = (personName: string, sharedAt: Date, recipientName: string) =>
  `Transmis par ${personName} le ${when.format(sharedAt)} pour ${recipientName} — via Relais, ne pas diffuser`;
