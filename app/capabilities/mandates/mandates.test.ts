import { count, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgents } from '../../../test/agents';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { mandateActs } from './schema';
import { persons, solicitations } from '../reception/schema';
import { operatorTransaction, transaction } from '../../db/transaction.server';
import type { Actor } from '../../platform/policies';
import { searchKey } from '../../platform/text';
import { logSolicitation } from '../reception/log-solicitation.server';
import { solicitationSchema } from '../reception/rules';
import { verifyJournals } from './journal.server';
import {
  createMandate,
  listMandates,
  markPaperSigned,
  readMandate,
  readPersonMandates,
  revokeMandate,
  signOnScreen,
} from './mandates.server';
import { actSchema } from './rules';
import { call } from '../../../test/request';

describe('mandats et actes sous mandat', () => {
  let services: TestServices;
  let mediator: Actor;
  let other: Actor;
  let awa: string;
  let paul: string;
  const consent = { consent: ['objet', 'donnees', 'droits', 'revocable'] as const, protection: 'aucune' as const };
  const solicitation = (change: Record<string, string> = {}) =>
    solicitationSchema(services.now()).parse({
      occurredAt: '2026-11-26T09:30',
      organisation: 'caf',
      procedure: 'Déclaration trimestrielle RSA',
      channel: 'sur_place',
      level: 'urgence',
      mode: 'fait_a_la_place',
      durationMinutes: '20',
      outcome: 'fait',
      ...change,
    });
  const act = (area = 'social') => actSchema.parse({ mandateArea: area, onlineService: 'caf.fr', actDone: 'Déclaration envoyée' });
  const countRows = async () =>
    operatorTransaction(services.database, async (tx) => ({
      solicitations: (await tx.select({ n: count() }).from(solicitations))[0]!.n,
      persons: (await tx.select({ n: count() }).from(persons))[0]!.n,
      acts: (await tx.select({ n: count() }).from(mandateActs))[0]!.n,
    }));

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    services.clock.now = new Date('2026-11-26T10:00:00');
    const agents = await makeAgents(services.database, { 'julien@alpha': 'mediateur', 'thomas@beta': 'mediateur' });
    mediator = agents['julien@alpha'];
    other = agents['thomas@beta'];
    [awa, paul] = (await operatorTransaction(services.database, async (tx) =>
      (
        await tx
          .insert(persons)
          .values([
            { structureId: mediator.structureId, firstName: 'Awa', lastName: 'Diop', searchName: searchKey('Awa Diop') },
            { structureId: mediator.structureId, firstName: 'Paul', lastName: 'Martin', searchName: searchKey('Paul Martin') },
          ])
          .returning()
      ).map((p) => p.id),
    )) as [string, string];
  });
  afterAll(() => services.database.close());

  it("refuse de faire à la place sans mandat : rien n'est enregistré", async () => {
    const before = await countRows();
    const result = await call(services, mediator, logSolicitation, { kind: 'personne', personId: awa }, solicitation(), null, {
      underMandate: { act: act(), onTheSpot: null },
    });
    expect(result).toEqual({ ok: false, error: 'mandat_requis', reason: 'hors_domaine' });
    // Une nouvelle personne créée au passage n'est pas gardée non plus.
    const fresh = await call(
      services,
      mediator,
      logSolicitation,
      { kind: 'nouvelle', person: { firstName: 'Zoé', lastName: null, birthYear: null, phone: null, consent: 'oui' } },
      solicitation(),
      null,
      {
        underMandate: { act: act(), onTheSpot: null },
      },
    );
    expect(fresh).toMatchObject({ ok: false, error: 'mandat_requis' });
    expect(await countRows()).toEqual(before);
  });

  it("un mandat non signé ne couvre rien ; signé sur l'écran, il couvre ses domaines et l'acte rejoint le journal", async () => {
    const id = (await call(services, mediator, createMandate, awa, {
      areas: ['social'],
      duration: 'six_mois',
      ...consent,
      consent: [...consent.consent],
    }))!;
    const refused = await call(services, mediator, logSolicitation, { kind: 'personne', personId: awa }, solicitation(), null, {
      underMandate: { act: act(), onTheSpot: null },
    });
    expect(refused).toEqual({ ok: false, error: 'mandat_requis', reason: 'non_signe' });

    expect(await call(services, mediator, signOnScreen, id, { signerName: 'Awa Diop', trace: 'M 10 10 L 100 50' })).toEqual({ ok: true });
    expect(await call(services, mediator, signOnScreen, id, { signerName: 'Awa Diop', trace: null })).toEqual({
      ok: false,
      error: 'deja_signe',
    });
    const view = (await call(services, mediator, readMandate, id))!;
    expect(view.status).toBe('actif');
    expect(view.mandate.expiresAt).toEqual(new Date('2027-05-26T10:00:00'));

    const logged = await call(
      services,
      mediator,
      logSolicitation,
      { kind: 'personne', personId: awa },
      solicitation({ occurredAt: '2026-11-26T10:00' }),
      null,
      {
        underMandate: { act: act(), onTheSpot: null },
      },
    );
    expect(logged).toMatchObject({ ok: true });
    const outside = await call(
      services,
      mediator,
      logSolicitation,
      { kind: 'personne', personId: awa },
      solicitation({ organisation: 'dgfip' }),
      null,
      {
        underMandate: { act: act('argent'), onTheSpot: null },
      },
    );
    expect(outside).toEqual({ ok: false, error: 'mandat_requis', reason: 'hors_domaine' });

    const file = (await call(services, mediator, readPersonMandates, awa))!;
    expect(file.acts).toHaveLength(1);
    expect(file.acts[0]).toMatchObject({ seq: 1, area: 'social', onlineService: 'caf.fr', whatDone: 'Déclaration envoyée', by: 'Julien' });
  });

  it('refuse un acte après la révocation', async () => {
    const [mandate] = (await call(services, mediator, readPersonMandates, awa))!.mandates;
    services.clock.now = new Date('2026-11-27T10:00:00');
    expect(await call(services, mediator, revokeMandate, mandate!.id, 'À la demande de la personne')).toEqual({ ok: true });
    const after = await call(
      services,
      mediator,
      logSolicitation,
      { kind: 'personne', personId: awa },
      solicitation({ occurredAt: '2026-11-27T10:03' }),
      null,
      {
        underMandate: { act: act(), onTheSpot: null },
      },
    );
    expect(after).toEqual({ ok: false, error: 'mandat_requis', reason: 'revoque' });
    expect((await call(services, mediator, listMandates, 'termines')).map((m) => m.id)).toContain(mandate!.id);
    services.clock.now = new Date('2026-11-26T10:00:00');
  });

  it("établit un mandat d'un jour sur-le-champ, pour le seul domaine de l'acte", async () => {
    const result = await call(services, mediator, logSolicitation, { kind: 'personne', personId: paul }, solicitation(), null, {
      underMandate: { act: act(), onTheSpot: { signerName: 'Paul Martin' } },
    });
    expect(result).toMatchObject({ ok: true });
    const file = (await call(services, mediator, readPersonMandates, paul))!;
    expect(file.mandates).toHaveLength(1);
    expect(file.mandates[0]).toMatchObject({
      areas: ['social'],
      duration: 'un_jour',
      status: 'actif',
      signatureMethod: 'ecran_nom',
      signerName: 'Paul Martin',
    });
    expect(file.mandates[0]!.expiresAt).toEqual(new Date('2026-11-27T10:00:00'));
    expect(file.acts).toHaveLength(1);
  });

  it('signe sur papier à la date écrite, et range les mandats dans les bonnes listes', async () => {
    const id = (await call(services, mediator, createMandate, paul, {
      areas: ['papiers', 'famille'],
      duration: 'un_mois',
      ...consent,
      consent: [...consent.consent],
    }))!;
    expect((await call(services, mediator, listMandates, 'a_signer')).map((m) => m.id)).toContain(id);
    expect(await call(services, mediator, markPaperSigned, id, '2026-11-20')).toEqual({ ok: true });
    const view = (await call(services, mediator, readMandate, id))!;
    expect(view.mandate).toMatchObject({ signatureMethod: 'papier', paperSignedOn: '2026-11-20' });
    expect(view.mandate.expiresAt).toEqual(new Date('2026-12-20T12:00:00'));
    expect((await call(services, mediator, listMandates, 'bientot')).map((m) => m.id)).toContain(id);
  });

  it("ne montre rien d'une autre structure : personne, mandat (404)", async () => {
    expect(
      await call(services, other, createMandate, awa, {
        areas: ['social'],
        duration: 'un_jour',
        ...consent,
        consent: [...consent.consent],
      }),
    ).toBeNull();
    const [mandate] = (await call(services, mediator, readPersonMandates, awa))!.mandates;
    expect(await call(services, other, readMandate, mandate!.id)).toBeNull();
    expect(await call(services, other, revokeMandate, mandate!.id, 'x')).toEqual({ ok: false, error: 'introuvable' });
    expect(await call(services, other, readPersonMandates, awa)).toBeNull();
  });

  it("interdit à l'application de modifier ou d'effacer le journal, et refuse en base un mandat sans domaine", async () => {
    await expect(
      transaction(services.database, mediator, (tx) => tx.execute(sql`update mandate_acts set what_done = 'x'`)),
    ).rejects.toThrow();
    await expect(transaction(services.database, mediator, (tx) => tx.execute(sql`delete from mandate_acts`))).rejects.toThrow();
    await expect(
      transaction(services.database, mediator, (tx) =>
        tx.execute(sql`insert into mandates (structure_id, person_id, mediator_id, areas, duration, consent_items, no_protection_measure)
          values (${mediator.structureId}, ${awa}, ${mediator.userId}, '{}', 'un_jour', '{objet,donnees,droits,revocable}', true)`),
      ),
    ).rejects.toThrow();
    await expect(
      transaction(services.database, mediator, (tx) =>
        tx.execute(sql`insert into mandates (structure_id, person_id, mediator_id, areas, duration, consent_items, no_protection_measure)
          values (${mediator.structureId}, ${awa}, ${mediator.userId}, '{social}', 'un_jour', '{objet,donnees,droits,revocable}', false)`),
      ),
    ).rejects.toThrow();
  });

  it('vérifie les chaînes et nomme la ligne altérée, supprimée ou déplacée', async () => {
    const alphaReport = async () => (await verifyJournals(services.database)).find((r) => r.slug === 'alpha')!.check;
    expect(await alphaReport()).toEqual({ ok: true, count: 2 });
    // L'exploitant (hors RLS et hors droits de l'application) retouche la base : la chaîne le trahit.
    const tamper = (statement: ReturnType<typeof sql>) => operatorTransaction(services.database, (tx) => tx.execute(statement));
    await tamper(sql`update mandate_acts set online_service = 'autre.fr' where seq = 1`);
    expect(await alphaReport()).toEqual({ ok: false, seq: 1, reason: 'contenu' });
    await tamper(sql`update mandate_acts set online_service = 'caf.fr' where seq = 1`);
    expect(await alphaReport()).toEqual({ ok: true, count: 2 });
    await tamper(sql`update mandate_acts set seq = seq + 10`);
    await tamper(sql`update mandate_acts set seq = case seq when 11 then 2 else 1 end`);
    expect(await alphaReport()).toMatchObject({ ok: false, seq: 1, reason: 'lien' });
    await tamper(sql`delete from mandate_acts where seq = 1`);
    expect(await alphaReport()).toMatchObject({ ok: false, seq: 1, reason: 'sequence' });
  });
});
