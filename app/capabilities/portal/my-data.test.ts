// « Mes données » sous le rôle relais_resident : l'export (JSON, PDF relu) porte tout ce que Relais garde de la personne
// sauf les notes privées, et rien d'une autre ; les demandes (correction, effacement) se valident, attendent la fin d'un
// mandat actif, ne se doublent pas, et reçoivent la réponse d'un agent ; « qui a lu mon dossier » dit le rôle et la
// structure, jamais le nom de l'agent.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { pdfTextOf } from '../../../test/pdf';
import { call, callAsResident, residentIdentity } from '../../../test/request';
import { addMembership, makeStructure, makeUser } from '../../db/builders.server';
import { operatorTransaction } from '../../db/transaction.server';
import type { ResidentIdentity } from '../../platform/authorize.server';
import { recordAudit } from '../../platform/audit.server';
import { structures } from '../../platform/schema';
import type { Actor } from '../../platform/policies';
import { signedMandateRow } from '../mandates/builders.server';
import { mandates } from '../mandates/schema';
import { makePerson, makeSolicitation } from '../reception/builders.server';
import { privateNotes } from '../reception/schema';
import { myDataPdf } from './my-data-pdf.server';
import { askForRequest, readsOfMyFile, requestsOf, residentDataExport } from './my-data.server';
import { answerRequest, openRequests } from './requests.server';
import { residentRequests } from './schema';

describe('mes données', () => {
  let services: TestServices;
  let mediator: Actor;
  let awa: ResidentIdentity;
  let bruno: ResidentIdentity;

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    services.clock.now = new Date('2026-12-01T10:00:00');
    ({ mediator, awa, bruno } = await operatorTransaction(services.database, async (tx) => {
      const alpha = await makeStructure(tx, { slug: 'alpha', name: "CCAS d'Alpha" });
      const julien = await makeUser(tx, { email: 'julien@alpha.test', displayName: 'Julien Martin' });
      await addMembership(tx, { structureId: alpha.id, userId: julien.id, role: 'mediateur' });
      const personA = await makePerson(tx, alpha.id, { firstName: 'Awa', lastName: 'Diop', phone: '06 12 34 56 78' });
      const personB = await makePerson(tx, alpha.id, { firstName: 'Bruno', lastName: 'Petit' });
      await makeSolicitation(tx, alpha.id, julien.id, {
        personId: personA.id,
        occurredAt: new Date('2026-11-20T10:00:00'),
        procedure: 'Prime d’activité',
      });
      await makeSolicitation(tx, alpha.id, julien.id, {
        personId: personB.id,
        occurredAt: new Date('2026-11-21T10:00:00'),
        procedure: 'Carte grise',
      });
      await tx
        .insert(privateNotes)
        .values({ structureId: alpha.id, personId: personA.id, authorId: julien.id, body: 'Note confidentielle' });
      await tx
        .insert(mandates)
        .values(
          signedMandateRow(
            { structureId: alpha.id, personId: personA.id, mediatorId: julien.id },
            new Date('2026-11-01T10:00:00'),
            new Date('2027-11-01T10:00:00'),
          ),
        );
      const actor = { userId: julien.id, structureId: alpha.id, role: 'mediateur' } as Actor;
      // Julien a lu la fiche d'Awa une fois, celle de Bruno une fois.
      await recordAudit(tx, actor, 'personne.consultee', { type: 'personne', id: personA.id });
      await recordAudit(tx, actor, 'personne.consultee', { type: 'personne', id: personB.id });
      const identity = (personId: string) => residentIdentity(alpha.id, personId);
      return { mediator: actor, awa: identity(personA.id), bruno: identity(personB.id) };
    }));
  });
  afterAll(() => services.database.close());

  it("exporte tout ce qui concerne la personne, sans les notes privées ni rien d'une autre personne", async () => {
    const data = await callAsResident(services, awa, residentDataExport);
    expect(data.personne).toMatchObject({ prenom: 'Awa', nom: 'Diop', telephone: '06 12 34 56 78' });
    expect(data.sollicitations.map((s) => s.demarche)).toEqual(['Prime d’activité']);
    expect(data.mandats).toMatchObject([{ domaines: ['social'], etat: 'actif' }]);
    const json = JSON.stringify(data);
    expect(json).not.toContain('Note confidentielle');
    expect(json).not.toContain('Bruno');
    expect(json).not.toContain('Carte grise');
    const pdf = await pdfTextOf(await myDataPdf(data, "CCAS d'Alpha"));
    expect(pdf).toContain('Mes visites et mes appels');
    expect(pdf).toContain('Prime d’activité');
    expect(pdf).not.toContain('Note confidentielle');
  });

  it("dit qui a lu le dossier : le rôle et la structure, jamais le nom de l'agent, et seulement pour ce dossier", async () => {
    const reads = await callAsResident(services, awa, readsOfMyFile);
    expect(reads).toEqual([{ at: expect.any(Date), action: 'personne.consultee', role: 'mediateur', structure: "CCAS d'Alpha" }]);
    expect(JSON.stringify(reads)).not.toContain('Julien');
  });

  it('montre le nom de l’agent quand la structure le choisit', async () => {
    await operatorTransaction(services.database, (tx) =>
      tx.update(structures).set({ showReaderNames: true }).where(eq(structures.id, awa.structureId)),
    );
    const reads = await callAsResident(services, awa, readsOfMyFile);
    expect(reads).toEqual([
      { at: expect.any(Date), action: 'personne.consultee', role: 'mediateur', structure: "CCAS d'Alpha", name: 'Julien Martin' },
    ]);
    await operatorTransaction(services.database, (tx) =>
      tx.update(structures).set({ showReaderNames: false }).where(eq(structures.id, awa.structureId)),
    );
  });

  it('refuse une demande mal faite, un effacement pendant un mandat actif, et un doublon', async () => {
    expect(await callAsResident(services, awa, askForRequest, 'tout', '')).toEqual({ ok: false, problem: 'type_inconnu' });
    expect(await callAsResident(services, awa, askForRequest, 'correction', '   ')).toEqual({ ok: false, problem: 'message_vide' });
    expect(await callAsResident(services, awa, askForRequest, 'correction', 'x'.repeat(2001))).toEqual({
      ok: false,
      problem: 'message_trop_long',
    });
    expect(await callAsResident(services, awa, askForRequest, 'effacement', '')).toEqual({ ok: false, problem: 'mandat_actif' });
    expect(await callAsResident(services, awa, askForRequest, 'correction', 'Mon numéro a changé : 07 00 00 00 00.')).toEqual({ ok: true });
    expect(await callAsResident(services, awa, askForRequest, 'correction', 'Encore')).toEqual({ ok: false, problem: 'deja_demande' });
    const [request] = await callAsResident(services, awa, requestsOf);
    expect(request).toMatchObject({ kind: 'correction', dueAt: new Date('2027-01-01T10:00:00'), answeredAt: null });
    expect(await callAsResident(services, bruno, requestsOf)).toEqual([]);
    // Un effacement sans mandat actif : accepté, sans message.
    expect(await callAsResident(services, bruno, askForRequest, 'effacement', '')).toEqual({ ok: true });
  });

  it("l'agent voit les demandes en attente et répond ; la personne lit la réponse", async () => {
    const open = await call(services, mediator, openRequests);
    expect(open.map((row) => row.firstName).sort()).toEqual(['Awa', 'Bruno']);
    const [request] = await callAsResident(services, awa, requestsOf);
    expect(await call(services, mediator, answerRequest, awa.personId, request!.id, '  ')).toEqual({ ok: false, error: 'reponse_vide' });
    expect(await call(services, mediator, answerRequest, bruno.personId, request!.id, 'Fait.')).toEqual({
      ok: false,
      error: 'introuvable',
    });
    expect(await call(services, mediator, answerRequest, awa.personId, request!.id, 'Numéro corrigé.')).toEqual({ ok: true });
    expect(await call(services, mediator, answerRequest, awa.personId, request!.id, 'Encore')).toEqual({
      ok: false,
      error: 'deja_repondue',
    });
    const [answered] = await callAsResident(services, awa, requestsOf);
    expect(answered).toMatchObject({ answer: 'Numéro corrigé.', answeredAt: services.clock.now });
  });

  it("une personne ne peut écrire ni une demande d'une autre, ni une réponse à la sienne (RLS)", async () => {
    const refused = (work: Promise<unknown>) =>
      work.then(() => 'accepté').catch((error: Error) => String((error.cause as Error | undefined)?.message ?? error));
    expect(
      await refused(
        callAsResident(services, awa, ({ tx, now }) =>
          tx
            .insert(residentRequests)
            .values({ structureId: awa.structureId, personId: bruno.personId, kind: 'correction', message: 'x', dueAt: now }),
        ),
      ),
    ).toMatch(/row-level security/);
    expect(
      await refused(
        callAsResident(services, awa, ({ tx }) =>
          tx.update(residentRequests).set({ answer: 'moi-même' }).where(eq(residentRequests.personId, awa.personId)),
        ),
      ),
    ).toMatch(/permission denied/);
  });
});
