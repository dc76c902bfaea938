import { describe, expect, it } from 'vitest';
import { canTransition, followUp, outcomeSchema, referralSchema, responseDays } from './rules';

const PLACE = '7d8f2a4e-1b2c-4d5e-8f90-123456789abc';
const form = (change: Record<string, string> = {}) => ({ placeId: PLACE, reason: 'Ateliers numériques', channel: 'seule', ...change });
const errorsOf = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));

describe('envoi d’une orientation', () => {
  it('accepte le cas simple, sans partage', () => {
    expect(referralSchema(false).parse(form())).toMatchObject({ placeId: PLACE, reason: 'Ateliers numériques', channel: 'seule', consent: false, toBring: null, appointmentAt: null });
  });
  it('exige le lieu, un motif et la façon d’y aller', () => {
    expect(errorsOf(referralSchema(false).safeParse({ reason: 'x' }))).toEqual({
      placeId: 'Choisissez le lieu vers lequel vous orientez la personne.',
      reason: 'Dites en quelques mots pourquoi vous orientez la personne.',
      channel: 'Dites comment la personne s’y rend.',
    });
  });
  it('exige la date d’un rendez-vous', () => {
    expect(errorsOf(referralSchema(false).safeParse(form({ channel: 'rendez_vous' })))).toEqual({ appointmentAt: 'Indiquez la date et l’heure du rendez-vous.' });
    expect(referralSchema(false).parse(form({ channel: 'rendez_vous', appointmentAt: '2026-12-03T14:30' })).appointmentAt).toBe('2026-12-03T14:30');
  });
  it('vers un partenaire sur Relais : l’accord de la personne est exigé', () => {
    expect(errorsOf(referralSchema(true).safeParse(form()))).toHaveProperty('consent');
    expect(referralSchema(true).parse(form({ consent: 'oui' })).consent).toBe(true);
  });
  it('refuse un mot de passe glissé dans le motif', () => {
    expect(errorsOf(referralSchema(false).safeParse(form({ reason: 'Son mot de passe ameli est Soleil2024!' })))).toHaveProperty('reason');
  });
});

describe('réponse du partenaire', () => {
  it('un refus dit pourquoi ; un autre résultat oublie le motif de refus', () => {
    expect(errorsOf(outcomeSchema.safeParse({ outcome: 'refusee' }))).toEqual({ refusalReason: 'Une orientation refusée dit pourquoi : choisissez le motif.' });
    expect(outcomeSchema.parse({ outcome: 'refusee', refusalReason: 'complet' })).toMatchObject({ refusalReason: 'complet' });
    expect(outcomeSchema.parse({ outcome: 'venue', refusalReason: 'complet' })).toMatchObject({ refusalReason: null });
    expect(errorsOf(outcomeSchema.safeParse({ outcome: 'peut-etre' }))).toEqual({ outcome: 'Choisissez ce qu’il est advenu de la personne.' });
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
