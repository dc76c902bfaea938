import { describe, expect, it } from 'vitest';
import { ageBand, distinguishing, formatPhone, newPersonSchema, publicName, solicitationSchema } from './rules';

const now = new Date('2026-11-26T15:00:00');
const valid = {
  occurredAt: '2026-11-26T14:30',
  organisation: 'caf',
  procedure: 'Déclaration trimestrielle RSA',
  channel: 'sur_place',
  level: 'inclusion',
  mode: 'accompagne',
  durationMinutes: '20',
  outcome: 'fait',
};
const errors = (input: Record<string, unknown>) =>
  Object.fromEntries((solicitationSchema(now).safeParse(input).error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));

describe('formulaire de sollicitation', () => {
  it("prend d'office le seul lieu d'accueil, et demande de choisir quand il y en a plusieurs", () => {
    expect(solicitationSchema(now).parse(valid).siteId).toBeNull();
    expect(solicitationSchema(now, undefined, ['siege']).parse(valid).siteId).toBe('siege');
    expect(solicitationSchema(now, undefined, ['siege', 'permanence']).parse({ ...valid, site: 'permanence' }).siteId).toBe('permanence');
    const issues = (input: Record<string, unknown>, sites: string[]) =>
      solicitationSchema(now, undefined, sites)
        .safeParse(input)
        .error?.issues.map((i) => [i.path[0], i.message]);
    expect(issues(valid, ['siege', 'permanence'])).toEqual([['site', "Choisissez le lieu d'accueil où la personne est reçue."]]);
    expect(issues({ ...valid, site: 'ailleurs' }, ['siege', 'permanence'])).toEqual([
      ['site', "Choisissez un lieu d'accueil de la liste."],
    ]);
    expect(issues({ ...valid, site: 'ailleurs' }, [])).toEqual([['site', "Choisissez un lieu d'accueil de la liste."]]);
  });

  it('accepte le cas courant et déduit la thématique Coop de l’organisme', () => {
    const result = solicitationSchema(now).parse(valid);
    expect(result).toMatchObject({ organisations: ['caf'], theme: 'social_sante', durationMinutes: 20, blockedCause: null });
  });

  it.each([
    [{ organisation: '' }, 'organisation', 'Choisissez l’organisme concerné.'],
    [{ organisation: 'inventee' }, 'organisation', 'Choisissez l’organisme concerné.'],
    [{ durationMinutes: '-5' }, 'durationMinutes', 'La durée doit être d’au moins 1 minute.'],
    [{ durationMinutes: '600' }, 'durationMinutes', 'La durée ne peut pas dépasser 8 heures (480 minutes).'],
    [{ occurredAt: '2026-11-27T10:00' }, 'occurredAt', 'La date ne peut pas être dans le futur.'],
    [{ outcome: 'bloque' }, 'blockedCause', 'Indiquez la cause du blocage.'],
    [{ outcome: 'oriente' }, 'redirection', 'Indiquez vers qui la personne est orientée.'],
    [{ mode: 'magie' }, 'mode', "Choisissez le mode d'aide."],
    [{ notes: 'x'.repeat(10_000) }, 'notes', 'La note ne doit pas dépasser 2000 caractères.'],
    [{ notes: 'mdp ameli : Soleil2024!' }, 'notes', expect.stringMatching(/^Ne notez jamais un mot de passe/)],
    [{ procedure: 'code reçu par SMS : 482913' }, 'procedure', expect.stringMatching(/^Ne notez jamais un code secret/)],
    [{ organisation2: 'caf' }, 'organisation2', 'Le second organisme doit être différent du premier.'],
    // Champs facultatifs : une valeur inconnue reçoit son message français, pas « Invalid input ».
    [{ organisation2: 'inventee' }, 'organisation2', 'Choisissez un organisme de la liste.'],
    [{ theme: 'cuisine' }, 'theme', 'Choisissez une thématique de la liste.'],
    [{ outcome: 'bloque', blockedCause: 'meteo' }, 'blockedCause', 'Choisissez une cause de la liste.'],
    [{ nextStepDate: '31/02/2027' }, 'nextStepDate', 'Indiquez une date valide.'],
  ])('refuse %o avec un message sur le bon champ', (change, field, message) => {
    expect(errors({ ...valid, ...change })[field]).toEqual(message);
  });

  it('garde le HTML tel quel (échappé à l’affichage, jamais exécuté)', () => {
    const result = solicitationSchema(now).parse({ ...valid, notes: '<script>alert(1)</script>' });
    expect(result.notes).toBe('<script>alert(1)</script>');
  });
});

describe('nouvelle personne', () => {
  it('exige le prénom et le consentement, normalise le téléphone', () => {
    const parsed = newPersonSchema(now).parse({
      firstName: ' Awa ',
      lastName: '',
      birthYear: '1980',
      phone: '06.12.34.56.78',
      consent: 'oui',
    });
    expect(parsed).toEqual({ firstName: 'Awa', lastName: null, birthYear: 1980, phone: '06 12 34 56 78', consent: 'oui' });
    const failure = newPersonSchema(now).safeParse({ firstName: '', birthYear: '2030', phone: '123' });
    expect(failure.error?.issues.map((i) => i.path[0])).toEqual(['firstName', 'birthYear', 'phone', 'consent']);
    expect(failure.error?.issues[1]?.message).toBe("L'année de naissance ne peut pas être dans le futur.");
    const letters = newPersonSchema(now).safeParse({ firstName: 'Awa', birthYear: 'mille', consent: 'oui' });
    expect(letters.error?.issues[0]?.message).toBe("Indiquez l'année sur 4 chiffres.");
  });
});

describe('règles simples', () => {
  it('déduit la tranche d’âge Coop', () => {
    expect(ageBand(1950, now)).toBe('soixante_dix_plus');
    expect(ageBand(2000, now)).toBe('vingt_cinq_trente_neuf');
    expect(ageBand(null, now)).toBe('non_communique');
  });
  it('met en forme un numéro français', () => {
    expect(formatPhone('+33612345678')).toBe('06 12 34 56 78');
  });
});

describe('noms montrés', () => {
  it('sur l’écran d’accueil : le prénom et l’initiale du nom, seulement', () => {
    expect(publicName('Fatou Diallo')).toBe('Fatou D.');
    expect(publicName('  Jean-Pierre   de la Fontaine ')).toBe('Jean-Pierre F.');
    expect(publicName('Marcel')).toBe('Marcel');
    expect(publicName('émile ébrard')).toBe('émile É.');
  });
  it('distingue deux homonymes par la commune et la fin du téléphone, jamais le numéro entier', () => {
    expect(distinguishing({ communeName: 'Alpha', phone: '06 12 34 56 78' })).toBe('Alpha · tél. …78');
    expect(distinguishing({ communeName: null, phone: '06 11 22 33 44' })).toBe('tél. …44');
    expect(distinguishing({ communeName: 'Beta', phone: '12' })).toBe('Beta');
    expect(distinguishing({ communeName: null, phone: null })).toBe('');
  });
});
