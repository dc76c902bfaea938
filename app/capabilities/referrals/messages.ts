// Les textes des messages d'une orientation : la fiche envoyée à la personne (e-mail ou SMS), l'avis au lieu, la
// relance et l'expiration. Des mots simples ; jamais plus que le minimum (un e-mail au lieu ne nomme pas la personne,
// le lien ou le compte Relais le montre à qui y a droit). Fonctions pures, testées dans messages.test.ts.
import { weekSchedule } from '../directory/opening-hours';
import { dateFormat } from '../../platform/time';
import { toThePerson } from './rules';

const day = dateFormat({ dateStyle: 'full' });
const when = dateFormat({ dateStyle: 'full', timeStyle: 'short' });

export interface SlipPlace {
  name: string;
  street: string;
  addressComplement: string | null;
  postalCode: string;
  city: string;
  phone: string | null;
  openingHours: string | null;
}

export interface SlipContent {
  place: SlipPlace;
  reason: string;
  toBring: string | null;
  appointmentAt: Date | null;
  structureName: string;
}

export interface MessageText {
  subject: string;
  body: string;
}

/** Les jours d'ouverture en mots, sans les jours fermés : « mardi : 10:00–18:00 ». */
function openDays(openingHours: string, now: Date) {
  return weekSchedule(openingHours, now)
    .filter((d) => d.intervals.length > 0)
    .map((d) => `${d.label} : ${d.intervals.join(', ')}${d.holiday ? ' (jour férié)' : ''}`);
}

export function slipEmail(slip: SlipContent, now: Date): MessageText {
  const { place } = slip;
  const lines = [
    'Bonjour,',
    '',
    `Voici votre fiche d'orientation du ${day.format(now)}, de la part de ${slip.structureName}.`,
    '',
    `Où aller : ${place.name}`,
    place.street,
    ...(place.addressComplement ? [place.addressComplement] : []),
    `${place.postalCode} ${place.city}`,
    ...(place.phone ? [`Téléphone : ${place.phone}`] : []),
    '',
    `Pourquoi : ${slip.reason}`,
    '',
    ...(slip.appointmentAt ? [`Votre rendez-vous : ${when.format(slip.appointmentAt)}.`, ''] : []),
    ...(place.openingHours
      ? ['Le lieu est ouvert :', ...openDays(place.openingHours, now)]
      : ['Téléphonez avant d’y aller pour connaître les horaires.']),
    ...(slip.toBring ? ['', `Ce que vous apportez : ${toThePerson(slip.toBring)}`] : []),
    '',
    'Personne ne vous demandera votre mot de passe. Gardez-le pour vous.',
    '',
    slip.structureName,
  ];
  return { subject: `Votre rendez-vous : ${place.name}`, body: lines.join('\n') };
}

/** Un SMS tient en peu de mots : le lieu, l'adresse, le rendez-vous ou le téléphone, ce qu'il faut apporter. */
export function slipSms(slip: SlipContent): string {
  const { place } = slip;
  const parts = [
    `${slip.structureName} : allez à ${place.name}, ${place.street}, ${place.postalCode} ${place.city}.`,
    slip.appointmentAt ? `RDV ${when.format(slip.appointmentAt)}.` : place.phone ? `Tél. ${place.phone}.` : '',
    slip.toBring ? `Apportez : ${toThePerson(slip.toBring)}` : '',
  ];
  return parts.filter(Boolean).join(' ').slice(0, 480);
}

/** Au lieu (partenaire sur Relais, ou lieu sans compte par un lien) : une orientation l'attend. */
export function newReferralEmail(input: { senderName: string; placeName: string; url: string; expiresAt: Date | null }): MessageText {
  return {
    subject: `Une personne vous est orientée par ${input.senderName}`,
    body: [
      'Bonjour,',
      '',
      `${input.senderName} oriente une personne vers ${input.placeName}.`,
      `Pour voir qui, pourquoi, et dire ce qu'il en est advenu : ${input.url}`,
      ...(input.expiresAt
        ? ['', `Ce lien est personnel à votre lieu et vaut jusqu'au ${day.format(input.expiresAt)}. Ne le transférez pas.`]
        : []),
      '',
      'Merci de répondre : la personne ne doit pas abandonner sa démarche.',
    ].join('\n'),
  };
}

export function reminderEmail(input: {
  senderName: string;
  placeName: string;
  url: string;
  sentAt: Date;
  expiresAt: Date | null;
}): MessageText {
  return {
    subject: `Rappel : une orientation de ${input.senderName} attend votre réponse`,
    body: [
      'Bonjour,',
      '',
      `${input.senderName} a orienté une personne vers ${input.placeName} le ${day.format(input.sentAt)}, et n'a pas encore de nouvelles.`,
      `Dites en un clic si vous l'avez reçue, puis ce qu'il en est advenu : ${input.url}`,
      ...(input.expiresAt ? ['', `Le lien vaut jusqu'au ${day.format(input.expiresAt)}.`] : []),
    ].join('\n'),
  };
}

/** À l'agent qui a orienté : 30 jours sans réponse, l'orientation expire ; à lui de reprendre contact avec la personne. */
export function expiryEmail(input: { placeName: string; url: string; sentAt: Date }): MessageText {
  return {
    subject: `Orientation sans réponse depuis 30 jours : ${input.placeName}`,
    body: [
      'Bonjour,',
      '',
      `L'orientation envoyée le ${day.format(input.sentAt)} vers ${input.placeName} n'a reçu aucune réponse en 30 jours : elle a expiré.`,
      `Reprenez contact avec la personne pour savoir où elle en est, puis notez le résultat : ${input.url}`,
    ].join('\n'),
  };
}
