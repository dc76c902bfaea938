// « Mes mandats » et « Mes orientations », sous le rôle relais_resident : la personne lit les siens (jamais ceux d'une
// autre, même avec leurs identifiants), télécharge le PDF, et arrête un mandat actif : révoqué sans agent, au journal
// d'audit, son médiateur prévenu par l'outbox ; une demande non confirmée ou un mandat déjà fini ne change rien.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { pdfTextOf as pdfText } from '../../../test/pdf';
import { callAsResident, residentIdentity } from '../../../test/request';
import { addMembership, makeStructure, makeUser } from '../../db/builders.server';
import { operatorTransaction } from '../../db/transaction.server';
import type { ResidentIdentity } from '../../platform/authorize.server';
import { auditEvents, outbox } from '../../platform/schema';
import { makePlace } from '../directory/builders.server';
import { searchPlaces } from '../directory/search-places.server';
import { signedMandateRow } from '../mandates/builders.server';
import { appendAct } from '../mandates/journal.server';
import { mandateActs, mandates } from '../mandates/schema';
import { makePerson } from '../reception/builders.server';
import { referrals } from '../referrals/schema';
import { residentMandate, residentMandatePdf, residentMandates, revokeOwnMandate } from './my-mandates.server';
import { residentReferralSlip, residentReferrals } from './my-referrals.server';
import { residentHistory } from './resident-pages.server';

describe('mes mandats et mes orientations', () => {
  let services: TestServices;
  let awa: ResidentIdentity;
  let bruno: ResidentIdentity;
  let ids: { active: string; ended: string; brunoMandate: string; awaReferral: string; brunoReferral: string };

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    services.clock.now = new Date('2026-12-01T10:00:00');
    const setup = await operatorTransaction(services.database, async (tx) => {
      const alpha = await makeStructure(tx, { slug: 'alpha', name: "CCAS d'Alpha" });
      const julien = await makeUser(tx, { email: 'julien@alpha.test', displayName: 'Julien Martin' });
      await addMembership(tx, { structureId: alpha.id, userId: julien.id, role: 'mediateur' });
      const personA = await makePerson(tx, alpha.id, { firstName: 'Awa', lastName: 'Diop', phone: '06 12 34 56 78' });
      const personB = await makePerson(tx, alpha.id, { firstName: 'Bruno', lastName: 'Petit' });
      const mandate = (personId: string, signedAt: string, expiresAt: string) =>
        signedMandateRow({ structureId: alpha.id, personId, mediatorId: julien.id }, new Date(signedAt), new Date(expiresAt), {
          areas: ['social', 'logement'],
          duration: 'six_mois',
        });
      const [active, ended, brunoMandate] = await tx
        .insert(mandates)
        .values([
          mandate(personA.id, '2026-10-01T10:00:00', '2027-04-01T10:00:00'),
          mandate(personA.id, '2025-10-01T10:00:00', '2026-04-01T10:00:00'),
          mandate(personB.id, '2026-10-01T10:00:00', '2027-04-01T10:00:00'),
        ])
        .returning({ id: mandates.id });
      await appendAct(
        tx,
        alpha.id,
        {
          mandateId: active!.id,
          personId: personA.id,
          solicitationId: null,
          area: 'social',
          procedure: null,
          onlineService: 'caf.fr',
          whatDone: 'Déclaration trimestrielle faite.',
          occurredAt: new Date('2026-11-02T10:00:00'),
          actorId: julien.id,
        },
        new Date('2026-11-02T10:05:00'),
      );
      const place = await makePlace(tx, alpha.id, 'Épicerie solidaire', { phone: '02 47 00 00 00' });
      const referral = (personId: string) => ({
        structureId: alpha.id,
        personId,
        placeId: place.id,
        reason: 'Colis alimentaire',
        toBring: 'Avis d’imposition',
        channel: 'seule',
        consentShare: false,
        createdBy: julien.id,
      });
      const [awaReferral, brunoReferral] = await tx
        .insert(referrals)
        .values([referral(personA.id), referral(personB.id)])
        .returning({ id: referrals.id });
      const identity = (personId: string) => residentIdentity(alpha.id, personId);
      return {
        awa: identity(personA.id),
        bruno: identity(personB.id),
        ids: {
          active: active!.id,
          ended: ended!.id,
          brunoMandate: brunoMandate!.id,
          awaReferral: awaReferral!.id,
          brunoReferral: brunoReferral!.id,
        },
      };
    });
    ({ awa, bruno, ids } = setup);
  });
  afterAll(() => services.database.close());

  it('lit ses mandats avec leur état, le nom du médiateur et les actes faits en son nom', async () => {
    const list = await callAsResident(services, awa, residentMandates);
    expect(list.map((m) => [m.id, m.status])).toEqual(
      expect.arrayContaining([
        [ids.active, 'actif'],
        [ids.ended, 'expire'],
      ]),
    );
    expect(list).toHaveLength(2);
    const view = await callAsResident(services, awa, residentMandate, ids.active);
    expect(view).toMatchObject({ status: 'actif', mediatorName: 'Julien Martin' });
    expect(view!.acts.map((act) => act.whatDone)).toEqual(['Déclaration trimestrielle faite.']);
  });

  it("ne lit ni le mandat, ni le PDF, ni l'orientation d'une autre personne, même avec leurs identifiants", async () => {
    expect(await callAsResident(services, awa, residentMandate, ids.brunoMandate)).toBeNull();
    expect(await callAsResident(services, awa, residentMandatePdf, ids.brunoMandate)).toBeNull();
    expect(await callAsResident(services, awa, residentReferralSlip, ids.brunoReferral)).toBeNull();
    expect(await callAsResident(services, awa, revokeOwnMandate, ids.brunoMandate, true)).toEqual({ ok: false, error: 'introuvable' });
    expect((await callAsResident(services, awa, residentReferrals)).map((r) => r.id)).toEqual([ids.awaReferral]);
    expect((await callAsResident(services, bruno, residentMandates)).map((m) => m.id)).toEqual([ids.brunoMandate]);
    // La barrière est la base : sans aucun filtre, le rôle relais_resident ne voit que les lignes d'Awa.
    const unfiltered = await callAsResident(services, awa, async ({ tx }) => ({
      mandates: await tx.select({ personId: mandates.personId }).from(mandates),
      acts: await tx.select({ personId: mandateActs.personId }).from(mandateActs),
      referrals: await tx.select({ personId: referrals.personId }).from(referrals),
    }));
    expect(new Set([...unfiltered.mandates, ...unfiltered.acts, ...unfiltered.referrals].map((row) => row.personId))).toEqual(
      new Set([awa.personId]),
    );
  });

  it("« Ce que nous avons fait ensemble » compte ses orientations, pas celles d'une autre personne", async () => {
    const history = await callAsResident(services, awa, residentHistory);
    expect(history.filter((item) => item.kind === 'orientation')).toMatchObject([{ id: ids.awaReferral, place: 'Épicerie solidaire' }]);
  });

  it("« Trouver de l'aide » cherche dans l'annuaire de sa structure sous le rôle de l'habitant", async () => {
    const found = await callAsResident(services, awa, ({ tx, now, resident }) =>
      searchPlaces({ tx, now, actor: { structureId: resident.structureId } }, { q: 'epicerie', from: { kind: 'structure' }, page: 1 }),
    );
    expect(found.hits.map((hit) => hit.name)).toEqual(['Épicerie solidaire']);
  });

  it('télécharge le PDF de son mandat et la fiche de son orientation', async () => {
    const mandate = await callAsResident(services, awa, residentMandatePdf, ids.active);
    expect(await pdfText(mandate!.pdf)).toContain('Awa Diop');
    expect(await pdfText(mandate!.pdf)).toContain('Julien Martin');
    const slip = await callAsResident(services, awa, residentReferralSlip, ids.awaReferral);
    const text = await pdfText(slip!.pdf);
    expect(text).toContain('Épicerie solidaire');
    expect(text).toContain('Colis alimentaire');
  });

  it('arrête un mandat actif seulement si elle le confirme ; un mandat fini ne change pas', async () => {
    expect(await callAsResident(services, awa, revokeOwnMandate, ids.active, false)).toEqual({ ok: false, error: 'non_confirme' });
    expect(await callAsResident(services, awa, revokeOwnMandate, ids.ended, true)).toEqual({ ok: false, error: 'pas_actif' });
    const untouched = await operatorTransaction(services.database, (tx) => tx.select().from(mandates).where(eq(mandates.id, ids.active)));
    expect(untouched[0]!.revokedAt).toBeNull();

    expect(await callAsResident(services, awa, revokeOwnMandate, ids.active, true)).toEqual({ ok: true });
    const [revoked] = await operatorTransaction(services.database, (tx) => tx.select().from(mandates).where(eq(mandates.id, ids.active)));
    expect(revoked).toMatchObject({ revokedAt: services.clock.now, revokedBy: null });
    const audit = await operatorTransaction(services.database, (tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.action, 'mandat.revoque')),
    );
    expect(audit).toMatchObject([{ targetId: ids.active, actorUserId: null, details: { par: 'personne' } }]);
    const told = await operatorTransaction(services.database, (tx) =>
      tx.select().from(outbox).where(eq(outbox.purpose, 'mandat.revoque_par_la_personne')),
    );
    expect(told).toMatchObject([{ channel: 'email', recipient: 'julien@alpha.test' }]);
    expect(told[0]!.body).toContain(`/mandats/${ids.active}`);
    expect(told[0]!.body).not.toContain('Awa');

    // Une seconde demande (double clic, page rechargée) ne révoque ni ne prévient deux fois.
    expect(await callAsResident(services, awa, revokeOwnMandate, ids.active, true)).toEqual({ ok: false, error: 'pas_actif' });
    expect((await callAsResident(services, awa, residentMandate, ids.active))!.mandate.revokedByPerson).toBe(true);
  });
});
