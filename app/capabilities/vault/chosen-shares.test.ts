// Partager des papiers avec un destinataire choisi dans une liste, sur une vraie base. Un agent qui a aidé la personne
// ouvre ces papiers sans motif, pas un autre. La structure partenaire d'une orientation lit ces seuls papiers depuis
// l'orientation reçue, marqués ; arrêté, fini, ou le partenariat terminé, elle ne voit plus rien ; une autre
// structure ne voit jamais rien. Chaque ouverture est notée pour la personne. La RLS le garantit même à qui écrirait
// la requête lui-même.
import { and, eq, sql } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgents } from '../../../test/agents';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { pdfTextOf } from '../../../test/pdf';
import { call, callAsResident, residentIdentity } from '../../../test/request';
import { sqlRows } from '../../db/database.server';
import { operatorTransaction, transaction } from '../../db/transaction.server';
import type { ResidentIdentity } from '../../platform/authorize.server';
import type { Actor } from '../../platform/policies';
import { auditEvents } from '../../platform/schema';
import { answerPartnership, partnershipsOf, proposePartnership } from '../administration/partnerships.server';
import { makePlace } from '../directory/builders.server';
import { makePerson } from '../reception/builders.server';
import { createReferral } from '../referrals/referrals.server';
import { referralSchema } from '../referrals/rules';
import { prepareDocument } from './intake.server';
import { acceptVault, addMyPaper, myChosenRecipients, myPapers, shareMyPapersWithChosen, stopMyShare } from './my-papers.server';
import { openSharedDocumentForAgent, sharedWithMe } from './agent-shares.server';
import { readWhole } from './vault.server';
import { openPaperSharedWithUs, papersSharedWithUs } from './partner-shares.server';
import { vaultShareEvents, vaultShares } from './schema';

/** Refusé par la sécurité au niveau des lignes (et non par une autre contrainte). */
const refusedByRls = (error: Error) => /row-level security/.test(`${error.message} ${(error.cause as Error | undefined)?.message ?? ''}`);

describe('partager des papiers avec un agent qui aide la personne, ou avec le partenaire d’une orientation', () => {
  let services: TestServices;
  let julien: Actor & { displayName: string };
  let paul: Actor;
  let helene: Actor;
  let thomas: Actor;
  let awa: ResidentIdentity;
  let ids: { awa: string; bruno: string; partnerPlace: string; plainPlace: string };
  let papers: { notice: string; rib: string; brunos: string };
  let referral: string;
  let plainReferral: string;

  const onePage = async (text: string) => {
    const pdf = await PDFDocument.create();
    pdf.addPage().drawText(text, { x: 50, y: 700 });
    return prepareDocument([{ name: `${text}.pdf`, bytes: Buffer.from(await pdf.save()) }]);
  };
  const add = async (who: ResidentIdentity, kind: 'avis_imposition' | 'rib', text: string) =>
    callAsResident(services, who, async (scope) => {
      await acceptVault(scope);
      return addMyPaper(scope, { kind, issuedOn: null, expiresOn: null, fileName: `${text}.pdf` }, await onePage(text));
    });
  const refer = async (placeId: string) => {
    const sent = await call(
      services,
      julien,
      createReferral,
      ids.awa,
      referralSchema().parse({ placeId, reason: 'Déclarer ses revenus', channel: 'seule', consent: 'oui' }),
    );
    if (!sent.ok) throw new Error(sent.error);
    return sent.id;
  };
  const share = (documentIds: string[], referralId: string, duration = '7j') =>
    callAsResident(services, awa, shareMyPapersWithChosen, { documentIds, recipientId: `orientation:${referralId}`, duration });
  const shareCount = () =>
    operatorTransaction(
      services.database,
      async (tx) => (await tx.select().from(vaultShares)).filter((s) => s.recipientKind !== 'organisme').length,
    );
  const seenBy = (actor: Actor) =>
    transaction(services.database, actor, async (tx) => ({
      documents: (await sqlRows<{ n: number }>(tx, sql`select count(*)::int as n from vault_documents`))[0]!.n,
      shares: (await sqlRows<{ n: number }>(tx, sql`select count(*)::int as n from vault_shares`))[0]!.n,
      vaults: (await sqlRows<{ n: number }>(tx, sql`select count(*)::int as n from vaults`))[0]!.n,
    }));

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    // La RLS compare la fin du partage à l'heure de la base : l'horloge des tests suit la vraie.
    services.clock.now = new Date();
    const agents = await makeAgents(services.database, {
      'julien@alpha': 'mediateur',
      'paul@alpha': 'mediateur',
      'helene@mediatheque': 'partenaire',
      'thomas@beta': 'mediateur',
    });
    julien = { ...agents['julien@alpha'], displayName: 'Julien' };
    helene = agents['helene@mediatheque'];
    paul = agents['paul@alpha'];
    thomas = agents['thomas@beta'];
    ids = await operatorTransaction(services.database, async (tx) => {
      const a = await makePerson(tx, julien.structureId, { firstName: 'Awa', lastName: 'Diop' });
      const b = await makePerson(tx, julien.structureId, { firstName: 'Bruno', lastName: 'Petit' });
      const partnerPlace = await makePlace(tx, julien.structureId, 'Médiathèque des Lettres', { partnerStructureId: helene.structureId });
      const plainPlace = await makePlace(tx, julien.structureId, 'EPN du quartier');
      return { awa: a.id, bruno: b.id, partnerPlace: partnerPlace.id, plainPlace: plainPlace.id };
    });
    awa = residentIdentity(julien.structureId, ids.awa);
    expect(await call(services, julien, proposePartnership, helene.structureId)).toEqual({ ok: true });
    const [proposal] = await call(services, helene, partnershipsOf);
    expect(await call(services, helene, answerPartnership, proposal!.id, 'accepter')).toEqual({ ok: true });
    papers = {
      notice: await add(awa, 'avis_imposition', 'Avis-impot-Awa'),
      rib: await add(awa, 'rib', 'RIB-Awa'),
      brunos: await add(residentIdentity(julien.structureId, ids.bruno), 'rib', 'RIB-Bruno'),
    };
    referral = await refer(ids.partnerPlace);
    plainReferral = await refer(ids.plainPlace);
  });
  afterAll(() => services.database.close());

  it('propose les agents qui l’ont aidée et ses orientations vers un partenaire sur Relais ; refuse le reste champ par champ sans rien garder', async () => {
    const choices = await callAsResident(services, awa, myChosenRecipients);
    expect(choices.map((c) => [c.value, c.label])).toEqual([
      [`agent:${julien.userId}`, 'Julien'],
      [`orientation:${referral}`, 'Médiathèque des Lettres'],
    ]);
    expect(await share([papers.notice], plainReferral)).toEqual({ ok: false, problem: { destinataire: 'invalide' } });
    // Paul n'a jamais aidé Awa : il n'est pas proposé, et la demande est refusée.
    expect(
      await callAsResident(services, awa, shareMyPapersWithChosen, {
        documentIds: [papers.notice],
        recipientId: `agent:${paul.userId}`,
        duration: '7j',
      }),
    ).toEqual({ ok: false, problem: { destinataire: 'invalide' } });
    expect(await share([papers.brunos], referral)).toEqual({ ok: false, problem: { papiers: 'invalide' } });
    expect(await share([], crypto.randomUUID(), '10ans')).toEqual({
      ok: false,
      problem: { papiers: 'vide', destinataire: 'invalide', duree: 'vide' },
    });
    expect(await shareCount()).toBe(0);
  });

  it('l’agent à qui la personne a montré un papier l’ouvre sans motif ; un autre agent, non ; la personne le voit', async () => {
    const shown = await callAsResident(services, awa, shareMyPapersWithChosen, {
      documentIds: [papers.rib],
      recipientId: `agent:${julien.userId}`,
      duration: '1j',
    });
    expect(shown).toMatchObject({ ok: true, recipientName: 'Julien', kind: 'agent' });
    expect([...(await call(services, julien, sharedWithMe, ids.awa)).keys()]).toEqual([papers.rib]);
    expect((await call(services, paul, sharedWithMe, ids.awa)).size).toBe(0);
    expect(await call(services, paul, openSharedDocumentForAgent, ids.awa, papers.rib)).toBeNull();
    expect(await call(services, julien, openSharedDocumentForAgent, ids.awa, papers.notice)).toBeNull();
    const bytes = await call(services, julien, async (ctx) => {
      const opened = await openSharedDocumentForAgent(ctx, ids.awa, papers.rib);
      return (await readWhole(opened!)).bytes;
    });
    expect(await pdfTextOf(bytes)).toContain('RIB-Awa');
    const mine = await callAsResident(services, awa, myPapers);
    expect(mine.shares.find((s) => s.recipientKind === 'agent')!.events).toMatchObject([{ documentId: papers.rib, action: 'telecharge' }]);
    // Un agent ne se fait pas montrer un papier lui-même : sans la personne en session, la base refuse.
    await expect(
      transaction(services.database, paul, (tx) =>
        tx.insert(vaultShares).values({
          structureId: paul.structureId,
          personId: ids.awa,
          documentIds: [papers.notice],
          recipientKind: 'agent',
          recipientName: 'Paul',
          recipientUserId: paul.userId,
          expiresAt: new Date(Date.now() + 3_600_000),
          createdBy: paul.userId,
        }),
      ),
    ).rejects.toSatisfy(refusedByRls);
  });

  it('le partenaire lit et ouvre les seuls papiers partagés, marqués ; la personne voit chaque ouverture', async () => {
    const shared = await share([papers.notice], referral);
    expect(shared).toMatchObject({ ok: true, recipientName: 'mediatheque' });

    const listed = await call(services, helene, papersSharedWithUs, referral);
    expect(listed.map((p) => [p.id, p.kind])).toEqual([[papers.notice, 'avis_imposition']]);
    expect(await seenBy(helene)).toEqual({ documents: 1, shares: 1, vaults: 1 });

    const pdf = await call(services, helene, openPaperSharedWithUs, referral, papers.notice, 'vu');
    const text = await pdfTextOf(pdf!);
    expect(text).toContain('Avis-impot-Awa');
    expect(text).toContain('Transmis par Awa Diop');
    expect(text).toContain('pour mediatheque');
    // Le RIB n'est pas partagé : ni par le chemin de l'application, ni par une requête écrite à la main.
    expect(await call(services, helene, openPaperSharedWithUs, referral, papers.rib, 'vu')).toBeNull();

    const mine = await callAsResident(services, awa, myPapers);
    const ours = mine.shares.find((s) => s.recipientKind === 'orientation')!;
    expect(ours.events).toMatchObject([{ documentId: papers.notice, action: 'vu' }]);
    const audit = await operatorTransaction(services.database, (tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.structureId, helene.structureId), eq(auditEvents.action, 'orientation_recue.papier_ouvert'))),
    );
    expect(audit).toMatchObject([{ actorUserId: helene.userId, targetId: referral, details: { papier: papers.notice, geste: 'vu' } }]);
  });

  it('une autre structure ne voit rien, et la base refuse un partage vers une structure qui n’est pas celle de l’orientation', async () => {
    expect(await call(services, thomas, papersSharedWithUs, referral)).toEqual([]);
    expect(await call(services, thomas, openPaperSharedWithUs, referral, papers.notice, 'vu')).toBeNull();
    expect(await seenBy(thomas)).toEqual({ documents: 0, shares: 0, vaults: 0 });
    // Thomas n'écrit pas d'ouverture au nom de la médiathèque.
    const [row] = await operatorTransaction(services.database, (tx) =>
      tx.select().from(vaultShares).where(eq(vaultShares.referralId, referral)),
    );
    await expect(
      transaction(services.database, thomas, (tx) =>
        tx.insert(vaultShareEvents).values({
          structureId: row!.structureId,
          personId: row!.personId,
          shareId: row!.id,
          documentId: papers.notice,
          action: 'vu',
          occurredAt: new Date(),
        }),
      ),
    ).rejects.toSatisfy(refusedByRls);
    // Alpha elle-même ne peut pas viser Beta avec l'orientation vers la médiathèque.
    await expect(
      transaction(services.database, julien, (tx) =>
        tx.insert(vaultShares).values({
          structureId: julien.structureId,
          personId: ids.awa,
          documentIds: [papers.notice],
          recipientKind: 'orientation',
          recipientName: 'CCAS de Beta',
          referralId: referral,
          recipientStructureId: thomas.structureId,
          expiresAt: new Date(Date.now() + 3_600_000),
          createdBy: julien.userId,
        }),
      ),
    ).rejects.toSatisfy(refusedByRls);
  });

  it('arrêté par la personne, fini, ou le partenariat terminé : le partenaire ne voit plus rien', async () => {
    const [current] = await operatorTransaction(services.database, (tx) =>
      tx.select().from(vaultShares).where(eq(vaultShares.referralId, referral)),
    );
    expect(await callAsResident(services, awa, stopMyShare, current!.id)).toBe(true);
    expect(await call(services, helene, papersSharedWithUs, referral)).toEqual([]);
    expect(await call(services, helene, openPaperSharedWithUs, referral, papers.notice, 'vu')).toBeNull();
    expect(await seenBy(helene)).toEqual({ documents: 0, shares: 0, vaults: 0 });

    // Un partage d'une heure fait il y a deux heures est fini.
    services.clock.now = new Date(Date.now() - 2 * 3_600_000);
    expect(await share([papers.rib], referral, '1h')).toMatchObject({ ok: true });
    services.clock.now = new Date();
    expect(await call(services, helene, papersSharedWithUs, referral)).toEqual([]);

    expect(await share([papers.rib], referral, '1j')).toMatchObject({ ok: true });
    expect((await call(services, helene, papersSharedWithUs, referral)).map((p) => p.id)).toEqual([papers.rib]);
    const [partnership] = await call(services, julien, partnershipsOf);
    expect(await call(services, julien, answerPartnership, partnership!.id, 'terminer')).toEqual({ ok: true });
    expect(await call(services, helene, papersSharedWithUs, referral)).toEqual([]);
    expect(await seenBy(helene)).toEqual({ documents: 0, shares: 0, vaults: 0 });
  });
});
