import { describe, expect, it } from 'vitest';
import { communeInDepartmentOf, communesFor } from '../reception/communes.server';
import { isValidSiret, readNationalRecord, toNationalRecord } from './national-format';

const context = { communesFor, communeInDepartmentOf };
const VALID = {
  id: 'alpha-mediatheque',
  pivot: '21370261700019',
  nom: "Médiathèque d'Alpha",
  adresse: '5 allée des Lettres',
  commune: 'Tours',
  code_postal: '37000',
  latitude: 47.3941,
  longitude: 0.6848,
  typologie: 'BIB',
  telephone: '02 47 00 10 20',
  courriels: 'mediatheque@alpha.test',
  site_web: 'https://mediatheque.alpha.test',
  horaires: 'Tu-Sa 10:00-18:00; PH off',
  presentation_resume: 'Ateliers numériques et postes en accès libre.',
  source: 'Relais',
  date_maj: '2026-11-30',
  services: 'Aide aux démarches administratives|Maîtrise des outils numériques du quotidien',
  publics_specifiquement_adresses: 'Seniors',
  prise_en_charge_specifique: 'Illettrisme|Surdité',
  frais_a_charge: 'Gratuit',
  modalites_acces: 'Se présenter|Téléphoner',
  modalites_accompagnement: 'Accompagnement individuel|Dans un atelier collectif',
  dispositif_programmes_nationaux: 'Conseillers numériques',
};

const errorsOf = (record: Record<string, unknown>) => {
  const reading = readNationalRecord(record, context);
  return reading.ok ? [] : reading.errors;
};
const fieldsOf = (record: Record<string, unknown>) => errorsOf(record).map((e) => e.field);

describe('lecture d’un lieu au format national', () => {
  it('lit un lieu complet, listes découpées et code INSEE retrouvé', () => {
    const reading = readNationalRecord(VALID, context);
    expect(reading).toMatchObject({ ok: true, warnings: [] });
    if (!reading.ok) return;
    expect(reading.place).toMatchObject({
      nationalId: 'alpha-mediatheque',
      inseeCode: '37261',
      services: ['Aide aux démarches administratives', 'Maîtrise des outils numériques du quotidien'],
      specificSupport: ['Illettrisme', 'Surdité'],
      latitude: 47.3941,
      updatedOn: '2026-11-30',
    });
  });

  it('accepte les coordonnées en texte (CSV) et les cellules vides', () => {
    const reading = readNationalRecord({ ...VALID, latitude: '47.3941', longitude: '0.6848', telephone: '', site_web: '  ' }, context);
    expect(reading.ok && reading.place).toMatchObject({ latitude: 47.3941, phone: null, websites: [] });
  });

  it.each([
    ['code postal de 4 chiffres', { code_postal: '3700' }, 'code_postal', 'Le code postal doit compter 5 chiffres (reçu « 3700 »).'],
    ['code postal inexistant', { code_postal: '00000' }, 'code_postal', "Le code postal 00000 n'existe pas. Vérifiez les 5 chiffres."],
    [
      'SIRET à la clé fausse',
      { pivot: '21370261700018' },
      'pivot',
      "Le SIRET 21370261700018 n'existe pas : sa clé de contrôle est fausse. Vérifiez les 14 chiffres.",
    ],
    [
      'pivot ni SIRET ni RNA',
      { pivot: '1234' },
      'pivot',
      "« 1234 » n'est ni un SIRET (14 chiffres) ni un numéro RNA (W suivi de 9 caractères). Sans SIRET connu, indiquez 00000000000000.",
    ],
    ['pivot absent', { pivot: '' }, 'pivot', 'Le SIRET ou RNA (pivot) est obligatoire ; sans SIRET connu, indiquez 00000000000000.'],
    [
      'téléphone invalide',
      { telephone: '12345' },
      'telephone',
      "Le téléphone « 12345 » n'est pas un numéro français valide (ex. 02 47 00 00 00 ou +33 2 47 00 00 00).",
    ],
    ['latitude avec une virgule', { latitude: '47,39' }, 'latitude', 'Latitude : utilisez un point comme séparateur décimal (47.39).'],
    ['latitude hors bornes', { latitude: 147 }, 'latitude', 'La latitude 147 doit être comprise entre -90 et 90.'],
    ['longitude sans latitude', { latitude: '' }, 'latitude', 'Latitude et longitude vont ensemble : indiquez les deux, ou aucune.'],
    [
      'services absents',
      { services: '' },
      'services',
      'Indiquez au moins un service du schéma national (ex. Aide aux démarches administratives).',
    ],
    [
      'service inconnu',
      { services: 'Aide aux démarches administratives|Réparation de vélos' },
      'services',
      'Service inconnu du schéma national : « Réparation de vélos ».',
    ],
    [
      'typologie inconnue',
      { typologie: 'MAIRIE' },
      'typologie',
      'Typologie inconnue du schéma national : « MAIRIE » (ex. CCAS, BIB, EPN, RFS, CS ; plusieurs séparées par |).',
    ],
    [
      'date au format français',
      { date_maj: '30/11/2026' },
      'date_maj',
      "La date de mise à jour « 30/11/2026 » doit s'écrire AAAA-MM-JJ (ex. 2026-11-30).",
    ],
    [
      'date impossible',
      { date_maj: '2026-02-30' },
      'date_maj',
      "La date de mise à jour « 2026-02-30 » doit s'écrire AAAA-MM-JJ (ex. 2026-11-30).",
    ],
    ['courriel invalide', { courriels: 'mediatheque@' }, 'courriels', "Le courriel « mediatheque@ » n'est pas une adresse valide."],
    [
      'site sans protocole',
      { site_web: 'mediatheque.alpha' },
      'site_web',
      "Le site « mediatheque.alpha » n'est pas une adresse web valide (https://…).",
    ],
    ['nom absent', { nom: '' }, 'nom', 'Le nom du lieu est obligatoire.'],
  ])('refuse : %s', (_case, change, field, message) => {
    expect(errorsOf({ ...VALID, ...change })).toEqual([{ field, message }]);
  });

  it('refuse des horaires incompréhensibles, avec l’explication de la bibliothèque', () => {
    const [error] = errorsOf({ ...VALID, horaires: 'Mo-Fr 09:00-12:00 bla' });
    expect(error!.field).toBe('horaires');
    expect(error!.message).toMatch(/^Horaires non reconnus/);
  });

  it('refuse une valeur inconnue d’une liste nationale', () => {
    expect(fieldsOf({ ...VALID, frais_a_charge: 'Gratuit|Cher' })).toEqual(['frais_a_charge']);
    expect(errorsOf({ ...VALID, frais_a_charge: 'Cher' })[0]!.message).toBe(
      "Frais à charge : « Cher » n'est pas une valeur du schéma national (valeurs admises : Gratuit, Gratuit sous condition, Payant ; plusieurs se séparent par |).",
    );
  });

  it('rapporte toutes les erreurs d’une ligne à la fois', () => {
    expect(fieldsOf({ ...VALID, code_postal: 'ABCDE', telephone: 'x', horaires: 'jamais', services: '' })).toEqual([
      'code_postal',
      'telephone',
      'horaires',
      'services',
    ]);
  });

  it('avertit sans refuser : commune qui ne correspond pas au code postal, horaires réécrits', () => {
    const reading = readNationalRecord({ ...VALID, commune: 'Alpha', horaires: 'Lu-Ve 09:00-12:00' }, context);
    expect(reading.ok).toBe(true);
    expect(reading.warnings.map((w) => w.field)).toEqual(['commune', 'horaires']);
    expect(reading.ok && reading.place.openingHours).toBe('Mo-Fr 09:00-12:00');
  });
});

describe('ce que le format national accepte et que Relais range, avec un avertissement', () => {
  it.each([
    ['un code CEDEX', { code_postal: '37911' }, '37911', 'code_postal'],
    ['la mention CEDEX', { code_postal: '37911 CEDEX 9' }, '37911', 'code_postal'],
  ])('%s : la commune retrouvée par son nom dans le département', (_label, change, postalCode, field) => {
    const reading = readNationalRecord({ ...VALID, ...change }, context);
    expect(reading.ok).toBe(true);
    expect(reading.ok && reading.place).toMatchObject({ postalCode, inseeCode: '37261' });
    expect(reading.warnings.map((w) => w.field)).toContain(field);
  });

  it('un courriel aux lettres accentuées', () => {
    const reading = readNationalRecord({ ...VALID, courriels: 'accueil@médiathèque-alpha.fr' }, context);
    expect(reading.ok && reading.place.emails).toEqual(['accueil@médiathèque-alpha.fr']);
    expect(reading.warnings[0]?.message).toMatch(/lettres accentuées/);
    expect(fieldsOf({ ...VALID, courriels: 'pas une adresse' })).toEqual(['courriels']);
  });

  it('deux sites dans une cellule, séparés par « ; »', () => {
    const reading = readNationalRecord({ ...VALID, site_web: 'https://a.alpha.test;https://b.alpha.test' }, context);
    expect(reading.ok && reading.place.websites).toEqual(['https://a.alpha.test', 'https://b.alpha.test']);
    expect(reading.warnings.map((w) => w.field)).toEqual(['site_web']);
    expect(fieldsOf({ ...VALID, site_web: 'https://a.alpha.test;pas un site' })).toEqual(['site_web']);
  });

  it('ressort au format national ce qu’il a rangé', () => {
    const reading = readNationalRecord(
      { ...VALID, code_postal: '37911', courriels: 'accueil@médiathèque-alpha.fr', site_web: 'https://a.alpha.test;https://b.alpha.test' },
      context,
    );
    if (!reading.ok) throw new Error('lieu accepté attendu');
    expect(toNationalRecord(reading.place)).toMatchObject({
      code_postal: '37911',
      code_insee: '37261',
      courriels: 'accueil@médiathèque-alpha.fr',
      site_web: 'https://a.alpha.test|https://b.alpha.test',
    });
  });
});

describe('écriture au format national', () => {
  it('relit à l’identique ce qu’il écrit (aller-retour)', () => {
    const reading = readNationalRecord(VALID, context);
    if (!reading.ok) throw new Error('lieu valide attendu');
    const written = toNationalRecord(reading.place);
    expect(written).toEqual({ ...VALID, code_insee: '37261' });
    const again = readNationalRecord(written, context);
    expect(again.ok && toNationalRecord(again.place)).toEqual(written);
  });
});

describe('SIRET', () => {
  it.each([
    ['21370261700019', true],
    ['21370261700018', false],
    ['00000000000000', true],
    ['35600000000010', true],
    ['35600000000011', false],
    ['2137026170001', false],
  ])('%s → %s', (siret, valid) => expect(isValidSiret(siret)).toBe(valid));
});
