// Diagnostics sur une vraie base : enregistrement et résultat rangé, lecture tracée, niveau retenu avec sa raison
// (doublé en base), plan validé une seule fois, étapes et pairs-aidants, progression de la structure, isolement.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgents } from '../../../test/agents';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { diagnoses } from './schema';
import { places } from '../directory/schema';
import { auditEvents } from '../../platform/schema';
import { persons } from '../reception/schema';
import { operatorTransaction, transaction } from '../../db/transaction.server';
import type { Actor } from '../../platform/policies';
import { searchKey } from '../../platform/text';
import { communesFor } from '../reception/communes.server';
import { readNationalRecord } from '../directory/national-format';
import { placeValues } from '../directory/places.server';
import { readPersonFile } from '../reception/person-file.server';
import { createDiagnosis, gridContext, overrideLevel, readDiagnosis } from './diagnoses.server';
import { formValuesOf, gridSchema, type Answers } from './grid';
import { listPeerHelpers, removePeerHelper, setPeerHelper } from './peer-helpers.server';
import { acceptPlan, addStep, readJourney, setStepStatus, updateStep } from './plan.server';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { progressOverPeriod } from './progress.server';
import { diagnosisSummaryPdf, knownSkills } from './summary-pdf.server';
import { SKILLS, type Skill, type SkillLevel } from './vocabulary';
import { call } from '../../../test/request';

const skills = (level: SkillLevel, change: Partial<Record<Skill, SkillLevel>> = {}) =>
  ({ ...Object.fromEntries(Object.keys(SKILLS).map((s) => [s, level])), ...change }) as Answers['skills'];
const beginner: Answers = {
  equipment: ['smartphone'],
  connection: ['donnees_mobiles'],
  email: 'pas_d_adresse',
  accounts: {
    franceconnect: 'aucun',
    ameli: 'acces_perdu',
    caf: 'avec_aide',
    impots: 'non_concerne',
    france_travail: 'non_concerne',
    ants: 'non_concerne',
  },
  skills: skills('pas_encore', { appareil: 'seul', visio: 'seul' }),
  reading: 'facile',
  writing: 'difficile',
  french: 'oui',
  otherLanguage: null,
  apprehension: 'un_peu',
  institutionCauses: ['institution_pas_de_contact'],
};
const later: Answers = {
  ...beginner,
  email: 'seul',
  accounts: { ...beginner.accounts, ameli: 'seul', franceconnect: 'seul' },
  skills: skills('seul', { formulaire: 'avec_aide', documents: 'avec_aide' }),
  apprehension: 'aucune',
};

describe('diagnostics', () => {
  let services: TestServices;
  let mediator: Actor;
  let stranger: Actor;
  let person: string;
  let helperPerson: string;
  let epn: string;
  const diagnose = (answers: Answers, comment: string | null = null) =>
    call(services, mediator, createDiagnosis, person, { answers, comment });

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    const agents = await makeAgents(services.database, { 'julien@alpha': 'mediateur', 'thomas@beta': 'mediateur' });
    mediator = agents['julien@alpha'];
    stranger = agents['thomas@beta'];
    ({ person, helperPerson, epn } = await operatorTransaction(services.database, async (tx) => {
      const add = async (firstName: string, lastName: string) =>
        (
          await tx
            .insert(persons)
            .values({ structureId: mediator.structureId, firstName, lastName, searchName: searchKey(firstName, lastName) })
            .returning()
        )[0]!.id;
      const reading = readNationalRecord(
        {
          id: 'epn',
          nom: 'EPN du quartier',
          pivot: '00000000000000',
          adresse: '5 allée des Lettres',
          commune: 'Tours',
          code_postal: '37000',
          services: 'Maîtrise des outils numériques du quotidien',
          horaires: 'Mo-Fr 09:00-12:00',
          date_maj: '2026-11-30',
        },
        { communesFor },
      );
      if (!reading.ok) throw new Error('lieu invalide');
      const [place] = await tx.insert(places).values(placeValues(mediator.structureId, reading.place)).returning();
      return { person: await add('Awa', 'Diop'), helperPerson: await add('Marcel', 'Petit'), epn: place!.id };
    }));
  });
  afterAll(() => services.database.close());

  it('range le résultat calculé avec les réponses, et refuse la personne d’une autre structure', async () => {
    const id = (await diagnose(beginner, 'Vient avec sa fille'))!;
    const [row] = await operatorTransaction(services.database, (tx) => tx.select().from(diagnoses).where(eq(diagnoses.id, id)));
    expect(row).toMatchObject({
      personId: person,
      computedLevel: 'inclusion',
      level: 'inclusion',
      autonomy: 'entierement_accompagne',
      comment: 'Vient avec sa fille',
    });
    expect(row!.freins).toEqual(
      expect.arrayContaining([
        'sans_messagerie',
        'acces_perdus',
        'comptes_a_creer',
        'gestes_de_base',
        'lecture_ecriture',
        'institution_pas_de_contact',
      ]),
    );
    expect(row!.answers).toEqual(beginner);
    expect(await call(services, stranger, createDiagnosis, person, { answers: beginner, comment: null })).toBeNull();
    expect(await call(services, stranger, readDiagnosis, id)).toBeNull();
  });

  it('reprend les réponses du dernier diagnostic pour la grille suivante, et trace cette lecture', async () => {
    const context = (await call(services, mediator, gridContext, person))!;
    expect(context.previous?.answers).toEqual(beginner);
    expect(
      gridSchema.parse(Object.fromEntries(Object.entries(formValuesOf(context.previous!.answers)).filter(([, v]) => v))),
    ).toMatchObject({ answers: { ...beginner } });
    const audited = await operatorTransaction(services.database, (tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'diagnostic.consulte'), eq(auditEvents.targetId, person))),
    );
    expect(audited).toHaveLength(1);
  });

  it('propose un plan avec le lieu de l’annuaire qui offre le service ; le valide une seule fois', async () => {
    const [diagnosis] = await operatorTransaction(services.database, (tx) =>
      tx.select().from(diagnoses).where(eq(diagnoses.personId, person)),
    );
    const view = (await call(services, mediator, readDiagnosis, diagnosis!.id))!;
    const gestures = view.suggestions.find((s) => s.key === 'gestes')!;
    expect(gestures.place).toMatchObject({ id: epn, name: 'EPN du quartier' });
    expect(await call(services, mediator, acceptPlan, diagnosis!.id, [])).toEqual({ ok: false, error: 'rien_choisi' });
    expect(await call(services, mediator, acceptPlan, diagnosis!.id, ['gestes', 'messagerie', 'inconnue'])).toEqual({
      ok: true,
      personId: person,
    });
    expect(await call(services, mediator, acceptPlan, diagnosis!.id, ['gestes'])).toEqual({ ok: false, error: 'deja_valide' });
    expect(await call(services, stranger, acceptPlan, diagnosis!.id, ['gestes'])).toEqual({ ok: false, error: 'introuvable' });
    const journey = (await call(services, mediator, readJourney, person))!;
    expect(journey.steps.map((s) => [s.label, s.status, s.place?.name ?? null])).toEqual(
      expect.arrayContaining([
        ['Atelier : créer et utiliser sa boîte e-mail', 'a_faire', null],
        ['Atelier : prendre en main son téléphone ou son ordinateur', 'a_faire', 'EPN du quartier'],
      ]),
    );
    expect(journey.steps).toHaveLength(2);
  });

  it('retient un autre niveau avec sa raison ; la base refuse un niveau changé sans raison', async () => {
    const [diagnosis] = await operatorTransaction(services.database, (tx) =>
      tx.select().from(diagnoses).where(eq(diagnoses.personId, person)),
    );
    expect(
      await call(services, mediator, overrideLevel, diagnosis!.id, {
        level: 'urgence',
        reason: 'Ses droits CAF s’arrêtent dans huit jours',
      }),
    ).toBe(true);
    expect((await call(services, mediator, readDiagnosis, diagnosis!.id))!.diagnosis).toMatchObject({
      level: 'urgence',
      computedLevel: 'inclusion',
      levelReason: 'Ses droits CAF s’arrêtent dans huit jours',
    });
    await expect(
      transaction(services.database, mediator, (tx) =>
        tx.update(diagnoses).set({ level: 'montee_en_competences', levelReason: null }).where(eq(diagnoses.id, diagnosis!.id)),
      ),
    ).rejects.toThrow();
    expect(await call(services, mediator, overrideLevel, diagnosis!.id, { level: 'inclusion', reason: 'Retour au calcul' })).toBe(true);
    expect((await call(services, mediator, readDiagnosis, diagnosis!.id))!.diagnosis).toMatchObject({
      level: 'inclusion',
      levelReason: null,
    });
    expect(await call(services, stranger, overrideLevel, diagnosis!.id, { level: 'inclusion', reason: 'Intrusion' })).toBe(false);
  });

  it('ajoute une étape avec un pair-aidant volontaire, jamais la personne elle-même ni un lieu d’ailleurs', async () => {
    expect(
      await call(services, mediator, addStep, person, {
        kind: 'pair_aidant',
        label: 'Appel vidéo avec Marcel',
        placeId: null,
        helperId: helperPerson,
        dueOn: null,
      }),
    ).toEqual({
      ok: false,
      field: 'helperId',
      message: 'Choisissez un pair-aidant volontaire de la liste (autre que la personne).',
    });
    expect(await call(services, mediator, setPeerHelper, helperPerson, { skills: ['visio', 'messagerie'], availability: 'Le mardi' })).toBe(
      true,
    );
    expect(await call(services, stranger, setPeerHelper, helperPerson, { skills: ['visio'], availability: null })).toBe(false);
    expect(
      await call(services, mediator, addStep, person, {
        kind: 'pair_aidant',
        label: 'Appel vidéo avec Marcel',
        placeId: null,
        helperId: helperPerson,
        dueOn: '2026-12-15',
      }),
    ).toEqual({ ok: true });
    expect(
      await call(services, mediator, addStep, person, {
        kind: 'pair_aidant',
        label: 'Soi-même',
        placeId: null,
        helperId: person,
        dueOn: null,
      }),
    ).toMatchObject({ ok: false, field: 'helperId' });
    expect(
      await call(services, mediator, addStep, person, {
        kind: 'lieu_formation',
        label: 'Ailleurs',
        placeId: '7d8f2a4e-1b2c-4d5e-8f90-123456789abc',
        helperId: null,
        dueOn: null,
      }),
    ).toMatchObject({ ok: false, field: 'placeId' });
    expect(
      await call(services, stranger, addStep, person, {
        kind: 'atelier_collectif',
        label: 'Intrusion',
        placeId: null,
        helperId: null,
        dueOn: null,
      }),
    ).toBeNull();
    expect((await call(services, mediator, listPeerHelpers, 'visio')).map((h) => h.name)).toEqual(['Marcel Petit']);
    expect(await call(services, mediator, listPeerHelpers, 'pdf')).toEqual([]);
    expect(await call(services, stranger, listPeerHelpers, null)).toEqual([]);
  });

  it('change l’état d’une étape de la personne seulement, et chaque étape entre dans l’historique', async () => {
    const journey = (await call(services, mediator, readJourney, person))!;
    const step = journey.steps.find((s) => s.helperPersonId)!;
    expect(step.helperName).toBe('Marcel');
    expect(await call(services, mediator, setStepStatus, person, step.id, 'faite')).toBe(true);
    expect(await call(services, mediator, setStepStatus, helperPerson, step.id, 'abandonnee')).toBe(false);
    expect(await call(services, stranger, setStepStatus, person, step.id, 'abandonnee')).toBe(false);
    const file = (await call(services, mediator, readPersonFile, person))!;
    const events = file.timeline
      .filter((e) => e.kind === 'etape' || e.kind === 'diagnostic')
      .map((e) => (e.kind === 'etape' ? `${e.label}:${e.status}` : 'diagnostic'));
    expect(events).toEqual(expect.arrayContaining(['diagnostic', 'Appel vidéo avec Marcel:ajoutee', 'Appel vidéo avec Marcel:faite']));
  });

  it('modifie une étape de la personne : intitulé, lieu, date ; refuse un pair-aidant non volontaire et l’étape d’une autre', async () => {
    const step = (await call(services, mediator, readJourney, person))!.steps.find((s) => s.label.startsWith('Atelier : créer'))!;
    const change = {
      kind: 'lieu_formation' as const,
      label: 'Atelier e-mail à l’EPN, le mardi',
      placeId: epn,
      helperId: null,
      dueOn: '2026-12-08',
    };
    expect(await call(services, mediator, updateStep, person, step.id, change)).toEqual({ ok: true });
    expect((await call(services, mediator, readJourney, person))!.steps.find((s) => s.id === step.id)).toMatchObject({
      kind: 'lieu_formation',
      label: 'Atelier e-mail à l’EPN, le mardi',
      dueOn: '2026-12-08',
      place: { name: 'EPN du quartier' },
    });
    expect(await call(services, mediator, updateStep, person, step.id, { ...change, helperId: person })).toMatchObject({
      ok: false,
      field: 'helperId',
    });
    expect(await call(services, mediator, updateStep, helperPerson, step.id, change)).toBeNull();
    expect(await call(services, stranger, updateStep, person, step.id, change)).toBeNull();
  });

  it('la synthèse dit ce que la personne sait faire, ce qui se travaille et où aller', async () => {
    const [diagnosis] = await operatorTransaction(services.database, (tx) =>
      tx.select().from(diagnoses).where(eq(diagnoses.personId, person)),
    );
    const view = (await call(services, mediator, readDiagnosis, diagnosis!.id))!;
    expect(knownSkills(view)).toEqual(['Allumer votre téléphone ou votre ordinateur et l’utiliser', 'Appeler quelqu’un en vidéo']);
    const pdf = await diagnosisSummaryPdf(
      view,
      (await call(services, mediator, readJourney, person))!.steps,
      'CCAS d’Alpha',
      services.now(),
    );
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
    let text = '';
    for (let n = 1; n <= document.numPages; n++)
      text += (await (await document.getPage(n)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ') + ' ';
    text = text.replace(/\s+/g, ' ');
    for (const expected of [
      'Votre bilan numérique',
      'Pour Awa',
      'Ce que vous savez faire',
      'Appeler quelqu’un en vidéo.',
      'Ce que nous allons travailler ensemble',
      'Atelier e-mail à l’EPN, le mardi.',
      'Vos prochains rendez-vous et lieux',
      'EPN du quartier, 5 allée des Lettres, 37000 Tours.',
      'Ouvert du lundi au vendredi 9 h – 12 h.',
      'Personne ne doit vous le demander',
    ])
      expect(text).toContain(expected);
    expect(document.numPages).toBe(1);
  });

  it('compte qui a progressé entre le premier et le dernier diagnostic de la période', async () => {
    const before = services.clock.now;
    services.clock.now = new Date(before.getTime() + 90 * 86_400_000);
    await diagnose(later);
    const period = { from: new Date(before.getTime() - 86_400_000), to: new Date(services.clock.now.getTime() + 86_400_000) };
    const progress = await call(services, mediator, progressOverPeriod, period);
    expect(progress).toMatchObject({ diagnoses: 2, persons: 1, repeated: 1, trends: { progres: 1, stable: 0, recul: 0 } });
    expect(progress.blocks.find((b) => b.block === 'messagerie')).toEqual({ block: 'messagerie', first: 0, last: 100 });
    expect((await call(services, stranger, progressOverPeriod, period)).diagnoses).toBe(0);
    const [latest] = await operatorTransaction(services.database, (tx) =>
      tx
        .select()
        .from(diagnoses)
        .where(eq(diagnoses.personId, person))
        .orderBy(sql`created_at desc`),
    );
    const view = (await call(services, mediator, readDiagnosis, latest!.id))!;
    expect(view.previous?.overallScore).toBeLessThan(view.diagnosis.overallScore);
    services.clock.now = before;
  });

  it('un pair-aidant qui retire son accord n’est plus proposé', async () => {
    expect(await call(services, mediator, removePeerHelper, helperPerson)).toBe(true);
    expect(await call(services, mediator, listPeerHelpers, null)).toEqual([]);
    expect(await call(services, mediator, removePeerHelper, helperPerson)).toBe(false);
  });
});
