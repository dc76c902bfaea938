import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { addMembership, makeStructure, makeUser } from '../../db/builders.server';
import { operatorTransaction } from '../../db/transaction.server';
import type { Actor } from '../../platform/policies';
import { blockedByCause, dueNextSteps, listSolicitations } from './list-solicitations.server';
import { myDueNextSteps } from './home.server';
import { logSolicitation } from './log-solicitation.server';
import { ignoredFilters, listFiltersSchema, solicitationSchema } from './rules';
import { call } from '../../../test/request';

describe("listes de l'accueil", () => {
  let services: TestServices;
  let julien: Actor;
  let lucie: Actor;
  let beta: Actor;
  const log = async (actor: Actor, change: Record<string, string>, person = true) =>
    call(
      services,
      actor,
      logSolicitation,
      person
        ? { kind: 'nouvelle', person: { firstName: change.prenom ?? 'Awa', lastName: null, birthYear: null, phone: null, consent: 'oui' } }
        : { kind: 'anonyme', gender: null, ageBand: null, commune: null },
      solicitationSchema(services.now()).parse({
        occurredAt: '2026-11-26T09:00',
        organisation: 'caf',
        channel: 'sur_place',
        level: 'inclusion',
        mode: 'accompagne',
        durationMinutes: '20',
        outcome: 'fait',
        ...change,
      }),
    );

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    services.clock.now = new Date('2026-11-26T18:00:00');
    const ids = await operatorTransaction(services.database, async (tx) => {
      const alpha = await makeStructure(tx, { slug: 'alpha', name: "CCAS d'Alpha" });
      const betaStructure = await makeStructure(tx, { slug: 'beta', name: 'CCAS de Beta' });
      const a = await makeUser(tx, { email: 'julien@alpha.test', displayName: 'Julien' });
      const b = await makeUser(tx, { email: 'lucie@alpha.test', displayName: 'Lucie' });
      const c = await makeUser(tx, { email: 'thomas@beta.test', displayName: 'Thomas' });
      await addMembership(tx, { structureId: alpha.id, userId: a.id, role: 'mediateur' });
      await addMembership(tx, { structureId: alpha.id, userId: b.id, role: 'mediateur' });
      await addMembership(tx, { structureId: betaStructure.id, userId: c.id, role: 'mediateur' });
      return { alpha: alpha.id, beta: betaStructure.id, a: a.id, b: b.id, c: c.id };
    });
    julien = { structureId: ids.alpha, userId: ids.a, role: 'mediateur' };
    lucie = { structureId: ids.alpha, userId: ids.b, role: 'mediateur' };
    beta = { structureId: ids.beta, userId: ids.c, role: 'mediateur' };
    await log(julien, { organisation: 'dgfip', outcome: 'bloque', blockedCause: 'institution_site_en_panne' });
    await log(julien, {
      occurredAt: '2026-11-20T10:00',
      outcome: 'doit_revenir',
      nextStep: 'Apporter l’avis',
      nextStepDate: '2026-11-28',
      prenom: 'Paul',
    });
    await log(lucie, { outcome: 'bloque', blockedCause: 'institution_site_en_panne' }, false);
    await log(lucie, { outcome: 'bloque', blockedCause: 'personne_pieces_manquantes' }, false);
    await log(beta, { outcome: 'bloque', blockedCause: 'personne_refus' }, false);
  });
  afterAll(() => services.database.close());

  it('filtre par agent, organisme, résultat et période', async () => {
    expect((await call(services, julien, listSolicitations, { mediateur: julien.userId })).rows).toHaveLength(2);
    expect((await call(services, julien, listSolicitations, { organisme: 'dgfip' })).rows).toHaveLength(1);
    expect((await call(services, julien, listSolicitations, { resultat: 'bloque' })).rows).toHaveLength(3);
    expect((await call(services, julien, listSolicitations, { du: '2026-11-26', au: '2026-11-26' })).rows).toHaveLength(3);
    expect((await call(services, beta, listSolicitations, {})).rows).toHaveLength(1);
  });

  it('liste les prochaines étapes dues, sauf si la personne est revenue depuis', async () => {
    const due = await call(services, julien, dueNextSteps);
    expect(due.map((d) => [d.first_name, d.next_step])).toEqual([['Paul', 'Apporter l’avis']]);
    expect(await call(services, beta, dueNextSteps)).toEqual([]);
    // La page d'accueil : seulement les miennes ; le jour en AAAA-MM-JJ sur les deux bases.
    const mine = await call(services, julien, dueNextSteps, { mine: true });
    expect(mine.map((d) => d.next_step_date)).toEqual([expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)]);
    expect(await call(services, julien, myDueNextSteps)).toEqual([]); // due plus tard dans la semaine, pas aujourd'hui
  });

  it('compte les blocages par cause, pour la structure seulement', async () => {
    expect(await call(services, julien, blockedByCause, {})).toEqual([
      { cause: 'institution_site_en_panne', count: 2 },
      { cause: 'personne_pieces_manquantes', count: 1 },
    ]);
  });

  it('ignore un filtre inconnu sans erreur, et le signale', () => {
    const params = { vue: 'toutes', organisme: 'licorne', du: '2026-13-45', mode: 'forme' };
    const { vue, ...parsed } = listFiltersSchema().parse(params);
    expect(vue).toBe('toutes');
    expect(parsed).toMatchObject({ organisme: undefined, du: undefined, mode: 'forme' });
    expect(ignoredFilters(params, parsed)).toEqual(['du', 'organisme']);
  });
  it("un filtre d'un jour couvre le jour entier, même le jour de 25 heures du passage à l'heure d'hiver", async () => {
    await log(lucie, { occurredAt: '2026-10-25T23:30', prenom: 'Octave' });
    const day = listFiltersSchema().parse({ du: '2026-10-25', au: '2026-10-25' });
    const { rows } = await call(services, lucie, listSolicitations, day);
    expect(rows.map((r) => r.firstName)).toEqual(['Octave']);
  });
});
