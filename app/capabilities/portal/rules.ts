// Règles de l'espace personnel d'une personne (C10) : fonctions pures, sans base.
import { z } from 'zod';

/** Comment la personne se connecte à son espace (jamais par un mot de passe). */
export const SIGN_IN_CHANNELS = {
  sms: { label: 'Un code reçu par SMS', detail: 'sur le portable de sa fiche' },
  email: { label: 'Un code reçu par e-mail', detail: "à l'adresse de sa fiche" },
  carte: { label: 'Une carte imprimée', detail: 'un QR code et un code secret, remis en main propre' },
} as const;
export type SignInChannel = keyof typeof SIGN_IN_CHANNELS;

export const spaceOpeningSchema = z.object({
  consent: z.literal('oui', { error: 'Demandez à la personne si elle veut un espace personnel, et cochez son accord.' }),
  channel: z.enum(Object.keys(SIGN_IN_CHANNELS) as [SignInChannel, ...SignInChannel[]], {
    error: 'Choisissez comment la personne se connectera.',
  }),
});
export type SpaceOpeningInput = z.infer<typeof spaceOpeningSchema>;

/** Un numéro de portable français (06, 07, ou +33 6 / +33 7) : un SMS n'arrive pas sur un fixe. */
export function isMobilePhone(phone: string | null) {
  const digits = (phone ?? '').replace(/[\s.-]/g, '');
  return /^(?:\+33|0)[67]\d{8}$/.test(digits);
}

/** Le moyen choisi demande-t-il un contact absent de la fiche ? Le message dit quoi compléter. */
export function channelProblem(channel: SignInChannel, contact: { phone: string | null; email: string | null }): string | null {
  if (channel === 'sms' && !isMobilePhone(contact.phone))
    return 'Pour un code par SMS, la fiche doit avoir un numéro de portable (06 ou 07). Complétez la fiche, ou choisissez un autre moyen.';
  if (channel === 'email' && !contact.email?.trim())
    return 'Pour un code par e-mail, la fiche doit avoir une adresse e-mail. Complétez la fiche, ou choisissez un autre moyen.';
  return null;
}
