// Les messages d'un rendez-vous, sans base : le changement d'heure dit l'heure d'avant et la nouvelle ; le SMS reste
// court avec son lien ; l'invitation d'agenda garde l'identifiant du premier rendez-vous et monte de version.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { localDateTime } from '../../platform/time';
import { appointmentEmail, appointmentIcs, appointmentSms, type AppointmentMessageContext } from './messages';

const context: AppointmentMessageContext = {
  id: 'b2c5a0de-0000-4000-8000-000000000002',
  calendar: { uid: 'b2c5a0de-0000-4000-8000-000000000001', sequence: 1 },
  previousStartsAt: localDateTime('2026-12-14T09:00'),
  structureName: 'CCAS d’Alpha',
  motifName: 'Démarches CAF',
  where: 'Sur place',
  siteName: 'Accueil',
  siteAddress: '1 place de la Mairie, 00001 Alpha',
  sitePhone: '01 23 45 67 89',
  agentName: 'Julien',
  startsAt: localDateTime('2026-12-15T10:30'),
  endsAt: localDateTime('2026-12-15T11:00'),
  instructions: null,
  cancelUrl: 'https://relais.test/rendez-vous/annuler/abc',
  cancelReason: null,
};

describe('message d’un changement d’heure', () => {
  it('dit l’heure d’avant et la nouvelle, par e-mail et par SMS court', () => {
    const email = appointmentEmail('changement', context);
    expect(email.subject).toBe('Votre rendez-vous a changé (CCAS d’Alpha)');
    expect(email.body).toContain('Votre rendez-vous du lundi 14 décembre à 09:00 a changé. Le voici :');
    expect(email.body).toContain('- le mardi 15 décembre à 10:30 ;');
    expect(email.body).toContain("L'invitation jointe met l'heure à jour dans votre agenda.");
    const sms = appointmentSms('changement', context);
    expect(sms).toMatch(/^CCAS d’Alpha : RDV changé, maintenant le mar\. 15 déc\.,? 10:30, Accueil\. Annuler : https:/);
    expect(sms.length).toBeLessThan(160);
  });

  it('met à jour le même événement d’agenda, une version plus haut ; l’annulation encore au-dessus', () => {
    const event = (cancelled: boolean) =>
      new ICAL.Event(new ICAL.Component(ICAL.parse(appointmentIcs(context, cancelled).content)).getFirstSubcomponent('vevent')!);
    expect([event(false).uid, event(false).sequence]).toEqual([`${context.calendar.uid}@relais`, 1]);
    expect([event(true).uid, event(true).sequence]).toEqual([`${context.calendar.uid}@relais`, 2]);
  });
});
