import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { addMembership, makeStructure, makeUser } from '../../db/builders.server';
import { auditEvents } from '../../platform/schema';
import { persons, privateNotes, solicitations } from './schema';
import { operatorTransaction } from '../../db/transaction.server';
import type { Actor } from '../../platform/policies';
import { formDefaults, logSolicitation } from './log-solicitation.server';
import { readPersonFile } from './person-file.server';
import { solicitationSchema } from './rules';
import { searchPersons } from './search-persons.server';
import { call } from '../../../test/request';
import { personRow, solicitationRow } from './builders.server';

describe('accueil : personnes et sollicitations', () => {
  let services: TestServices;
  let mediator: Actor;
  let colleague: Actor;
  let other: Actor;
  let helene: string;

  const input = (change: Record<string, string> = {}) =>
    solicitationSchema(services.now()).parse({
      occurredAt: '2026-11-26T09:30',
      organisation: 'caf',
      procedure: 'Déclaration trimestrielle RSA',
      channel: 'sur_place',
      level: 'inclusion',
      mode: 'accompagne',
      durationMinutes: '25',
      outcome: 'fait',
      ...change,
    });

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    services.clock.now = new Date('2026-11-26T10:00:00');
    const ids = await operatorTransaction(services.database, async (tx) => {
      const alpha = await makeStructure(tx, { slug: 'alpha', name: "CCAS d'Alpha" });
      const beta = await makeStructure(tx, { slug: 'beta', name: 'CCAS de Beta' });
      const julien = await makeUser(tx, { email: 'julien@alpha.test', displayName: 'Julien' });
      const lucie = await makeUser(tx, { email: 'lucie@alpha.test', displayName: 'Lucie' });
      const thomas = await makeUser(tx, { email: 'thomas@beta.test', displayName: 'Thomas' });
      await addMembership(tx, { structureId: alpha.id, userId: julien.id, role: 'mediateur' });
      await addMembership(tx, { structureId: alpha.id, userId: lucie.id, role: 'mediateur' });
      await addMembership(tx, { structureId: beta.id, userId: thomas.id, role: 'mediateur' });
      const people = [
        ['Hélène', 'Lefèvre', 1956, '06 39 98 12 34'],
        ['Helena', 'Dupont', 1990, null],
        ['Mohamed', 'Benali', 1975, '06 39 98 55 66'],
        ['Anne', 'Michel', 1981, null],
      ] as const;
      const created = await tx
        .insert(persons)
        .values(people.map(([firstName, lastName, birthYear, phone]) => personRow(alpha.id, { firstName, lastName, birthYear, phone })))
        .returning();
      await tx.insert(persons).values(personRow(beta.id, { firstName: 'Hélène', lastName: 'Lefèvre' }));
      return { alpha: alpha.id, beta: beta.id, julien: julien.id, lucie: lucie.id, thomas: thomas.id, helene: created[0]!.id };
    });
    mediator = { structureId: ids.alpha, userId: ids.julien, role: 'mediateur' };
    colleague = { structureId: ids.alpha, userId: ids.lucie, role: 'mediateur' };
    other = { structureId: ids.beta, userId: ids.thomas, role: 'mediateur' };
    helene = ids.helene;
  });
  afterAll(() => services.database.close());

  describe('recherche', () => {
    it('trouve sans accents, en 3 lettres, malgré une faute de frappe', async () => {
      expect((await call(services, mediator, searchPersons, 'hél')).map((p) => p.lastName)).toContain('Lefèvre');
      expect((await call(services, mediator, searchPersons, 'lefevre'))[0]?.id).toBe(helene);
      expect((await call(services, mediator, searchPersons, 'lefebvre'))[0]?.id).toBe(helene);
      expect(await call(services, mediator, searchPersons, 'he')).toEqual([]);
      // Peu de lettres : les noms et prénoms qui commencent par elles passent devant (« Michel » contient « hel »).
      expect((await call(services, mediator, searchPersons, 'hel')).map((p) => p.firstName)).toEqual(['Helena', 'Hélène', 'Anne']);
    });
    it('trouve par année de naissance ou par téléphone, jamais dans une autre structure', async () => {
      expect((await call(services, mediator, searchPersons, '1975')).map((p) => p.firstName)).toEqual(['Mohamed']);
      expect((await call(services, mediator, searchPersons, '0639985566')).map((p) => p.firstName)).toEqual(['Mohamed']);
      expect((await call(services, other, searchPersons, 'lefevre')).map((p) => p.id)).not.toContain(helene);
    });
  });

  describe('enregistrement', () => {
    it('enregistre pour une personne connue et propose ensuite « comme la dernière fois »', async () => {
      const result = await call(services, mediator, logSolicitation, { kind: 'personne', personId: helene }, input());
      expect(result).toMatchObject({ ok: true, personId: helene });
      const defaults = await call(services, mediator, formDefaults, helene);
      expect(defaults).toMatchObject({
        durationMinutes: 25,
        last: { organisations: ['caf'], procedure: 'Déclaration trimestrielle RSA', mode: 'accompagne' },
      });
      expect(defaults.procedures.caf).toContain('Déclaration trimestrielle RSA');
    });

    it('crée une nouvelle personne avec son consentement, ou enregistre anonymement', async () => {
      const created = await call(
        services,
        mediator,
        logSolicitation,
        { kind: 'nouvelle', person: { firstName: 'Awa', lastName: 'Diop', birthYear: 1988, phone: null, consent: 'oui' } },
        input({ organisation: 'ants', procedure: 'Pré-demande de passeport' }),
      );
      expect(created.ok && created.personId).toBeTruthy();
      const anonymous = await call(
        services,
        mediator,
        logSolicitation,
        { kind: 'anonyme', gender: 'femme', ageBand: 'soixante_dix_plus', commune: null },
        input(),
      );
      expect(anonymous).toMatchObject({ ok: true, personId: null });
      const [row] = await operatorTransaction(services.database, (tx) =>
        tx
          .select()
          .from(solicitations)
          .where(eq(solicitations.id, anonymous.ok ? anonymous.id : '')),
      );
      expect(row).toMatchObject({ anonymousGender: 'femme', anonymousAgeBand: 'soixante_dix_plus', theme: 'social_sante' });
      const audit = await operatorTransaction(services.database, (tx) =>
        tx
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.structureId, mediator.structureId), eq(auditEvents.action, 'personne.creee'))),
      );
      expect(audit).toHaveLength(1);
    });

    it('signale un doublon possible (même nom sans accents, même année) et ne crée la fiche que sur confirmation', async () => {
      const helena = { firstName: 'Helene', lastName: 'Lefevre', birthYear: 1956, phone: null, consent: 'oui' as const };
      const warned = await call(services, mediator, logSolicitation, { kind: 'nouvelle', person: helena }, input());
      expect(warned).toEqual({ ok: false, error: 'doublon_possible', candidates: [{ id: helene, label: 'Hélène Lefèvre (1956)' }] });
      const otherYear = await call(
        services,
        mediator,
        logSolicitation,
        { kind: 'nouvelle', person: { ...helena, birthYear: 1990 } },
        input(),
      );
      expect(otherYear.ok).toBe(true);
      const confirmed = await call(services, mediator, logSolicitation, { kind: 'nouvelle', person: helena }, input(), null, {
        duplicateConfirmed: true,
      });
      expect(confirmed.ok).toBe(true);
    });

    it("refuse une personne d'une autre structure comme une personne inexistante", async () => {
      expect(await call(services, other, logSolicitation, { kind: 'personne', personId: helene }, input())).toEqual({
        ok: false,
        error: 'personne_introuvable',
      });
    });
  });

  describe('fiche et historique', () => {
    it("montre l'historique du plus récent au plus ancien, avec les seules notes privées de l'agent", async () => {
      await call(
        services,
        mediator,
        logSolicitation,
        { kind: 'personne', personId: helene },
        input({ occurredAt: '2026-11-20T10:00', organisation: 'cpam', procedure: 'Attestation de droits' }),
      );
      await operatorTransaction(services.database, (tx) =>
        tx.insert(privateNotes).values([
          { structureId: mediator.structureId, personId: helene, authorId: mediator.userId, body: 'Préfère le matin.' },
          { structureId: mediator.structureId, personId: helene, authorId: colleague.userId, body: 'Note de Lucie.' },
        ]),
      );
      const file = await call(services, mediator, readPersonFile, helene);
      expect(file?.person.firstName).toBe('Hélène');
      const visits = file!.timeline.filter((e) => e.kind === 'sollicitation');
      expect(visits.map((e) => e.kind === 'sollicitation' && e.organisations[0])).toEqual(['caf', 'cpam']);
      const notes = file!.timeline.filter((e) => e.kind === 'note_privee');
      expect(notes.map((n) => n.kind === 'note_privee' && n.body)).toEqual(['Préfère le matin.']);
      const reads = await operatorTransaction(services.database, (tx) =>
        tx.select().from(auditEvents).where(eq(auditEvents.action, 'personne.consultee')),
      );
      expect(reads).toHaveLength(1);
    });

    it('à la même minute, la dernière sollicitation enregistrée vient en tête (historique et préremplissage)', async () => {
      // L'heure se saisit à la minute : deux aides notées dans la même minute viennent dans l'ordre où elles ont été
      // enregistrées, pas dans celui où la base les range (ici à l'inverse, comme après une mise à jour).
      const at = new Date('2026-11-26T09:45:00');
      const recorded = (minutes: number) => new Date(at.getTime() + minutes * 60_000);
      await operatorTransaction(services.database, (tx) =>
        tx.insert(solicitations).values(
          (['ants', 'dgfip', 'france_travail'] as const).map((organisation, n) =>
            solicitationRow(mediator.structureId, mediator.userId, {
              personId: helene,
              occurredAt: at,
              organisations: [organisation],
              createdAt: recorded(3 - n),
            }),
          ),
        ),
      );
      const file = await call(services, mediator, readPersonFile, helene);
      const visits = file!.timeline.filter((e) => e.kind === 'sollicitation');
      expect(visits.slice(0, 3).map((e) => e.kind === 'sollicitation' && e.organisations[0])).toEqual(['ants', 'dgfip', 'france_travail']);
      const defaults = await call(services, mediator, formDefaults, helene);
      expect(defaults.last?.organisations).toEqual(['ants']);
    });

    it('ne montre pas la fiche à une autre structure', async () => {
      expect(await call(services, other, readPersonFile, helene)).toBeNull();
    });
  });
});
