// « Faire le point seul » : les réponses se lisent avec la grille du diagnostic (manque, « aucun » avec un appareil,
// valeur inconnue : un problème par question, les autres réponses gardées) ; la personne enregistre les siennes sous
// le rôle relais_resident, jamais celles d'une autre ni un point « vu » ; le médiateur les lit (lecture tracée, que la
// personne retrouve dans « qui a lu mon dossier »), les reprend, les marque vues ; ce n'est jamais un diagnostic.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { call, callAsResident, residentIdentity } from '../../../test/request';
import { addMembership, makeStructure, makeUser } from '../../db/builders.server';
import { operatorTransaction } from '../../db/transaction.server';
import type { ResidentIdentity } from '../../platform/authorize.server';
import { auditEvents } from '../../platform/schema';
import type { Actor } from '../../platform/policies';
import { diagnoses } from '../diagnosis/schema';
import { makePerson } from '../reception/builders.server';
import { pdfTextOf } from '../../../test/pdf';
import { createDiagnosis } from '../diagnosis/diagnoses.server';
import { readsOfMyFile, residentDataExport } from './my-data.server';
import { residentSummaryPdf } from './my-journey.server';
import { selfAssessments } from './schema';
import { readSelfAssessment, skillsSummary } from './self-assessment';
import {
  lastSelfAssessment,
  markSelfAssessmentReviewed,
  saveSelfAssessment,
  selfAssessmentAnswers,
  selfAssessmentsOf,
  unreviewedSelfAssessments,
} from './self-assessments.server';

const COMPLETE: Record<string, string[]> = {
  equipement: ['smartphone'],
  connexion: ['donnees_mobiles'],
  messagerie: ['avec_aide'],
  compte_franceconnect: ['aucun'],
  compte_ameli: ['seul'],
  compte_caf: ['avec_aide'],
  compte_impots: ['acces_perdu'],
  compte_france_travail: ['non_concerne'],
  compte_ants: ['aucun'],
  geste_appareil: ['seul'],
  geste_saisie: ['seul'],
  geste_navigation: ['avec_aide'],
  geste_formulaire: ['pas_encore'],
  geste_mots_de_passe: ['avec_aide'],
  geste_documents: ['pas_encore'],
  geste_pdf: ['pas_encore'],
  geste_arnaques: ['seul'],
  geste_visio: ['seul'],
  geste_application: ['avec_aide'],
  lecture: ['facile'],
  ecriture: ['difficile'],
  francais: ['oui'],
  apprehension: ['un_peu'],
};

describe('lire un point fait seul (règles)', () => {
  it('lit une grille complète comme la grille du médiateur, sans causes ni commentaire même envoyés', () => {
    const result = readSelfAssessment({ ...COMPLETE, causes: ['site_en_panne'], commentaire: ['mot de passe : 1234'] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.answers).toMatchObject({
      equipment: ['smartphone'],
      accounts: { caf: 'avec_aide', ants: 'aucun' },
      skills: { formulaire: 'pas_encore' },
      institutionCauses: [],
      otherLanguage: null,
    });
    expect(result.overallScore).toBeGreaterThan(0);
    expect(result.overallScore).toBeLessThan(100);
    expect(skillsSummary(result.answers).alone).toEqual(['appareil', 'saisie', 'arnaques', 'visio']);
  });

  it('dit pour chaque question ce qui ne va pas, et garde les autres réponses', () => {
    const { geste_visio: _visio, lecture: _lecture, ...partial } = COMPLETE;
    const result = readSelfAssessment({
      ...partial,
      equipement: ['aucun', 'ordinateur'],
      francais: ['couramment'],
      messagerie: ['seul', 'avec_aide'],
    });
    expect(result).toEqual({
      ok: false,
      problems: { geste_visio: 'manque', lecture: 'manque', equipement: 'aucun_seul', francais: 'invalide', messagerie: 'invalide' },
      values: expect.objectContaining({ compte_caf: ['avec_aide'], equipement: ['aucun', 'ordinateur'], lecture: [] }),
    });
  });

  it('une grille vide : chaque question manque', () => {
    const result = readSelfAssessment({});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.values(result.problems)).toHaveLength(23);
    expect(new Set(Object.values(result.problems))).toEqual(new Set(['manque']));
  });
});

describe('faire le point seul (base, RLS)', () => {
  let services: TestServices;
  let mediator: Actor;
  let other: Actor;
  let awa: ResidentIdentity;
  let bruno: ResidentIdentity;

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    services.clock.now = new Date('2026-12-01T10:00:00');
    ({ mediator, other, awa, bruno } = await operatorTransaction(services.database, async (tx) => {
      const alpha = await makeStructure(tx, { slug: 'alpha', name: "CCAS d'Alpha" });
      const beta = await makeStructure(tx, { slug: 'beta', name: 'CCAS de Beta' });
      const julien = await makeUser(tx, { email: 'julien@alpha.test', displayName: 'Julien Martin' });
      const basile = await makeUser(tx, { email: 'basile@beta.test', displayName: 'Basile' });
      await addMembership(tx, { structureId: alpha.id, userId: julien.id, role: 'mediateur' });
      await addMembership(tx, { structureId: beta.id, userId: basile.id, role: 'mediateur' });
      const personA = await makePerson(tx, alpha.id, { firstName: 'Awa', lastName: 'Diop' });
      const personB = await makePerson(tx, alpha.id, { firstName: 'Bruno', lastName: 'Petit' });
      return {
        mediator: { userId: julien.id, structureId: alpha.id, role: 'mediateur' } as Actor,
        other: { userId: basile.id, structureId: beta.id, role: 'mediateur' } as Actor,
        awa: residentIdentity(alpha.id, personA.id),
        bruno: residentIdentity(alpha.id, personB.id),
      };
    }));
  });
  afterAll(() => services.database.close());

  it('la personne enregistre ses réponses et les relit ; une autre personne ne les voit pas', async () => {
    const read = readSelfAssessment(COMPLETE);
    if (!read.ok) throw new Error('grille complète refusée');
    await callAsResident(services, awa, saveSelfAssessment, read.answers, read.overallScore, 'ar');
    expect(await callAsResident(services, awa, lastSelfAssessment)).toMatchObject({ answers: { french: 'oui' } });
    expect(await callAsResident(services, bruno, lastSelfAssessment)).toBeNull();
    expect(await callAsResident(services, bruno, ({ tx }) => tx.select().from(selfAssessments))).toEqual([]);
    const exported = await callAsResident(services, awa, residentDataExport);
    expect(exported.points_faits_seul).toMatchObject([{ langue: 'ar', reponses: { lecture: 'facile' }, vu_par_le_mediateur_le: null }]);
  });

  it("n'écrit ni pour une autre personne, ni un point déjà « vu », ni ne le change (RLS)", async () => {
    const refused = (work: Promise<unknown>) =>
      work.then(() => 'accepté').catch((error: Error) => String((error.cause as Error | undefined)?.message ?? error));
    const row = (personId: string, reviewed: boolean) => ({
      structureId: awa.structureId,
      personId,
      answers: {},
      overallScore: 50,
      language: 'fr',
      ...(reviewed ? { reviewedAt: new Date(), reviewedBy: mediator.userId } : {}),
    });
    expect(await refused(callAsResident(services, awa, ({ tx }) => tx.insert(selfAssessments).values(row(bruno.personId, false))))).toMatch(
      /row-level security/,
    );
    expect(await refused(callAsResident(services, awa, ({ tx }) => tx.insert(selfAssessments).values(row(awa.personId, true))))).toMatch(
      /row-level security/,
    );
    expect(
      await refused(
        callAsResident(services, awa, ({ tx }) =>
          tx.update(selfAssessments).set({ overallScore: 100 }).where(eq(selfAssessments.personId, awa.personId)),
        ),
      ),
    ).toMatch(/permission denied/);
  });

  it('le médiateur les lit (tracé), les reprend, les marque vues ; une autre structure ne les trouve pas', async () => {
    expect(await call(services, mediator, unreviewedSelfAssessments, awa.personId)).toMatchObject({ count: 1 });
    const found = await call(services, mediator, selfAssessmentsOf, awa.personId);
    expect(found?.person.label).toBe('Awa Diop');
    const [point] = found!.assessments;
    expect(point).toMatchObject({ language: 'ar', reviewedAt: null, answers: { accounts: { impots: 'acces_perdu' } } });
    expect(await call(services, other, selfAssessmentsOf, awa.personId)).toBeNull();
    expect(await call(services, other, selfAssessmentAnswers, awa.personId, point!.id)).toBeNull();
    expect(await call(services, mediator, selfAssessmentAnswers, bruno.personId, point!.id)).toBeNull();
    expect(await call(services, mediator, selfAssessmentAnswers, awa.personId, point!.id)).toMatchObject({
      answers: { reading: 'facile' },
    });
    // La personne voit ces lectures dans « qui a lu mon dossier » : un médiateur de la structure, sans son nom.
    const reads = await callAsResident(services, awa, readsOfMyFile);
    expect(reads.map((r) => r.action)).toEqual(['point_seul.consulte', 'point_seul.consulte']);
    expect(JSON.stringify(reads)).not.toContain('Julien');

    expect(await call(services, other, markSelfAssessmentReviewed, awa.personId, point!.id)).toBe(false);
    expect(await call(services, mediator, markSelfAssessmentReviewed, awa.personId, point!.id)).toBe(true);
    expect(await call(services, mediator, markSelfAssessmentReviewed, awa.personId, point!.id)).toBe(false);
    expect(await call(services, mediator, unreviewedSelfAssessments, awa.personId)).toEqual({ count: 0, last: null });
    const audit = await operatorTransaction(services.database, (tx) =>
      tx
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(and(eq(auditEvents.targetId, awa.personId))),
    );
    expect(audit.map((a) => a.action)).toContain('point_seul.vu');
    // Jamais un diagnostic : ni dans la progression, ni dans le pilotage.
    expect(await operatorTransaction(services.database, (tx) => tx.select().from(diagnoses))).toEqual([]);
  });

  it('repris dans un diagnostic, le bilan à lire (PDF) se télécharge depuis « Mon parcours », pour la seule personne', async () => {
    const read = readSelfAssessment(COMPLETE);
    if (!read.ok) throw new Error('grille complète refusée');
    await call(services, mediator, createDiagnosis, awa.personId, { answers: read.answers, comment: 'Note du médiateur' });
    const file = await callAsResident(services, awa, residentSummaryPdf);
    const text = await pdfTextOf(file!.pdf);
    expect(text).toContain('Votre bilan numérique');
    expect(text).toContain('Pour Awa');
    expect(text).toContain('Appeler quelqu’un en vidéo');
    expect(text).not.toContain('Note du médiateur');
    expect(await callAsResident(services, bruno, residentSummaryPdf)).toBeNull();
  });
});
