import { describe, expect, it } from 'vitest';
import {
  canTransition,
  followUp,
  followUpStep,
  linkExpiry,
  linkOutcomeSchema,
  outcomeSchema,
  referralSchema,
  responseDays,
  toThePerson,
} from './rules';

const PLACE = '7d8f2a4e-1b2c-4d5e-8f90-123456789abc';
const form = (change: Record<string, string | string[]> = {}) => ({
  placeId: PLACE,
  reason: 'Ateliers numériques',
  channel: 'seule',
  consent: 'non',
  ...change,
});
const errorsOf = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));

describe('envoi d’une orientation', () => {
  it('accepte le cas simple, sans partage', () => {
    expect(referralSchema().parse(form())).toMatchObject({
      placeId: PLACE,
      reason: 'Ateliers numériques',
      channel: 'seule',
      consent: false,
      toBring: null,
      appointmentAt: null,
      service: null,
      sendSlip: [],
    });
  });
  it('exige le lieu, un motif et la façon d’y aller', () => {
    expect(errorsOf(referralSchema().safeParse({ reason: 'x' }))).toEqual({
      placeId: 'Choisissez le lieu vers lequel vous orientez la personne.',
      reason: 'Dites en quelques mots pourquoi vous orientez la personne.',
      channel: 'Dites comment la personne s’y rend.',
    });
  });
  it('exige la date d’un rendez-vous', () => {
    expect(errorsOf(referralSchema().safeParse(form({ channel: 'rendez_vous' })))).toEqual({
      appointmentAt: 'Indiquez la date et l’heure du rendez-vous.',
    });
    expect(referralSchema().parse(form({ channel: 'rendez_vous', appointmentAt: '2026-12-03T14:30' })).appointmentAt).toBe(
      '2026-12-03T14:30',
    );
  });
  it('signale l’accord manquant avec les autres erreurs du formulaire', () => {
    expect(Object.keys(errorsOf(referralSchema().safeParse({ ...form({ channel: 'rendez_vous' }), consent: undefined })))).toEqual([
      'consent',
      'appointmentAt',
    ]);
  });
  it('l’accord de la personne est une réponse explicite, oui ou non', () => {
    expect(referralSchema().parse(form({ consent: 'oui' })).consent).toBe(true);
    expect(errorsOf(referralSchema().safeParse(form({ consent: 'peut-être' })))).toHaveProperty('consent');
  });
  it('le service précisé doit être un service national que le lieu propose', () => {
    const offered = ['Aide aux démarches administratives'];
    expect(referralSchema(offered).parse(form({ service: 'Aide aux démarches administratives' })).service).toBe(
      'Aide aux démarches administratives',
    );
    expect(errorsOf(referralSchema(offered).safeParse(form({ service: 'Loisirs et créations numériques' })))).toEqual({
      service: 'Ce lieu ne propose pas « Loisirs et créations numériques » : choisissez un de ses services, ou aucun.',
    });
    expect(errorsOf(referralSchema().safeParse(form({ service: 'Cuisine' })))).toEqual({ service: 'Choisissez un service de la liste.' });
  });
  it('la fiche part par e-mail, par SMS, les deux ou pas du tout', () => {
    expect(referralSchema().parse(form({ sendSlip: 'sms' })).sendSlip).toEqual(['sms']);
    expect(referralSchema().parse(form({ sendSlip: ['email', 'sms'] })).sendSlip).toEqual(['email', 'sms']);
    expect(errorsOf(referralSchema().safeParse(form({ sendSlip: 'pigeon' })))).toEqual({ sendSlip: 'Choisissez l’e-mail ou le SMS.' });
  });
  it('refuse un mot de passe glissé dans le motif', () => {
    expect(errorsOf(referralSchema().safeParse(form({ reason: 'Son mot de passe ameli est Soleil2024!' })))).toHaveProperty('reason');
  });
});

describe('réponse du partenaire', () => {
  it('un refus dit pourquoi ; un autre résultat oublie le motif de refus', () => {
    expect(errorsOf(outcomeSchema.safeParse({ outcome: 'refusee' }))).toEqual({
      refusalReason: 'Une orientation refusée dit pourquoi : choisissez le motif.',
    });
    expect(outcomeSchema.parse({ outcome: 'refusee', refusalReason: 'complet' })).toMatchObject({ refusalReason: 'complet' });
    expect(outcomeSchema.parse({ outcome: 'venue', refusalReason: 'complet' })).toMatchObject({ refusalReason: null });
    expect(errorsOf(outcomeSchema.safeParse({ outcome: 'peut-etre' }))).toEqual({
      outcome: 'Choisissez ce qu’il est advenu de la personne.',
    });
  });
});

describe('transitions', () => {
  it.each([
    ['envoyee', 'prendre_en_compte', true],
    ['prise_en_compte', 'prendre_en_compte', false],
    ['close', 'prendre_en_compte', false],
    ['envoyee', 'cloturer', true],
    ['prise_en_compte', 'cloturer', true],
    ['close', 'cloturer', false],
  ] as const)('%s → %s : %s', (status, transition, allowed) => expect(canTransition(status, transition)).toBe(allowed));
});

describe('relance et expiration', () => {
  const sent = new Date('2026-11-01T10:00:00Z');
  const after = (days: number) => new Date(sent.getTime() + days * 86_400_000);
  it.each([
    [6.9, null],
    [7, 'a_relancer'],
    [29.9, 'a_relancer'],
    [30, 'expiree'],
  ])('sans réponse après %s jours : %s', (days, expected) => expect(followUp('envoyee', sent, after(days), 7)).toBe(expected));
  it('une orientation prise en compte ou close ne se relance pas', () => {
    expect(followUp('prise_en_compte', sent, after(40), 7)).toBeNull();
    expect(followUp('close', sent, after(40), 7)).toBeNull();
  });
  it('suit le réglage de la structure', () => expect(followUp('envoyee', sent, after(3), 3)).toBe('a_relancer'));
  it('mesure le délai de réponse en jours', () => expect(responseDays(sent, after(2.4))).toBe(2));
});

describe('suivi quotidien', () => {
  const SENT = new Date('2026-11-01T10:00:00Z');
  const at = (days: number) => new Date(SENT.getTime() + days * 86_400_000);
  const referral = (change: Partial<Parameters<typeof followUpStep>[0]> = {}) => ({
    status: 'envoyee' as const,
    sentAt: SENT,
    lastReminderAt: null,
    expiredAt: null,
    ...change,
  });

  it('relance au N-ième jour sans réponse, pas avant', () => {
    expect(followUpStep(referral(), at(6.9), 7)).toBeNull();
    expect(followUpStep(referral(), at(7), 7)).toBe('relancer');
  });
  it('ne relance pas deux fois en moins de N jours', () => {
    expect(followUpStep(referral({ lastReminderAt: at(7) }), at(13.9), 7)).toBeNull();
    expect(followUpStep(referral({ lastReminderAt: at(7) }), at(14), 7)).toBe('relancer');
  });
  it('expire à 30 jours, une seule fois', () => {
    expect(followUpStep(referral({ lastReminderAt: at(28) }), at(30), 7)).toBe('expirer');
    expect(followUpStep(referral({ expiredAt: at(30) }), at(31), 7)).toBeNull();
  });
  it('ne suit pas ce qui a reçu une réponse', () => {
    expect(followUpStep(referral({ status: 'prise_en_compte' }), at(20), 7)).toBeNull();
    expect(followUpStep(referral({ status: 'close' }), at(40), 7)).toBeNull();
  });
  it('un lien vaut 30 jours, à la seconde près', () => {
    expect(linkExpiry(new Date('2026-11-01T10:00:00.750Z'))).toEqual(new Date('2026-12-01T10:00:00Z'));
  });
  it('sur un lien, la réponse peut dire qui l’a donnée', () => {
    expect(linkOutcomeSchema.parse({ outcome: 'venue', answeredBy: ' Sophie, accueil ' })).toMatchObject({
      outcome: 'venue',
      answeredBy: 'Sophie, accueil',
    });
    expect(linkOutcomeSchema.parse({ outcome: 'venue' })).toMatchObject({ answeredBy: null });
  });
});

describe('la fiche parle à la personne', () => {
  it.each([
    ['Son téléphone.', 'Votre téléphone.'],
    ['son téléphone, sa carte Vitale et ses derniers bulletins', 'votre téléphone, votre carte Vitale et vos derniers bulletins'],
    ['Passeport', 'Passeport'],
    ['Maison, sonnette, saison', 'Maison, sonnette, saison'],
  ])('%s → %s', (written, said) => expect(toThePerson(written)).toBe(said));
});
