// Le mandat signé rangé dans le coffre-fort de la personne, sur une vraie base : le PDF à la signature, puis le papier
// scanné qui le remplace comme pièce du mandat ; rien sans l'accord au coffre, rien pour un mandat non signé.
import { buffer } from 'node:stream/consumers';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { pdfTextOf } from '../../../test/pdf';
import { call } from '../../../test/request';
import { addMembership, makeStructure, makeUser } from '../../db/builders.server';
import { operatorTransaction, transaction } from '../../db/transaction.server';
import type { Actor } from '../../platform/policies';
import { makePerson } from '../reception/builders.server';
import { vaultDocuments } from '../vault/schema';
import { openDocument, openVault } from '../vault/vault.server';
import { signedMandateRow } from './builders.server';
import { fileScannedMandate, fileSignedMandate } from './in-vault.server';
import { mandates } from './schema';

describe('le mandat dans le coffre-fort', () => {
  let services: TestServices;
  let mediator: Actor;
  let ids: { alpha: string; julien: string; awa: string; bruno: string; signed: string; unsigned: string; brunos: string };

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    ids = await operatorTransaction(services.database, async (tx) => {
      const alpha = await makeStructure(tx, { slug: 'alpha', name: "CCAS d'Alpha" });
      const julien = await makeUser(tx, { email: 'julien@alpha.test', displayName: 'Julien Martin' });
      await addMembership(tx, { structureId: alpha.id, userId: julien.id, role: 'mediateur' });
      const awa = await makePerson(tx, alpha.id, { firstName: 'Awa', lastName: 'Diop' });
      const bruno = await makePerson(tx, alpha.id, { firstName: 'Bruno', lastName: 'Petit' });
      await openVault(tx, services.masterKey, { structureId: alpha.id, personId: awa.id }, julien.id, services.now());
      const owner = (personId: string) => ({ structureId: alpha.id, personId, mediatorId: julien.id });
      const [signed, unsigned, brunos] = await tx
        .insert(mandates)
        .values([
          signedMandateRow(owner(awa.id), new Date('2026-11-20T10:00:00'), new Date('2027-11-20T10:00:00')),
          { ...signedMandateRow(owner(awa.id), new Date(), new Date()), signatureMethod: null, signedAt: null, expiresAt: null },
          signedMandateRow(owner(bruno.id), new Date('2026-11-20T10:00:00'), new Date('2027-11-20T10:00:00')),
        ])
        .returning({ id: mandates.id });
      return {
        alpha: alpha.id,
        julien: julien.id,
        awa: awa.id,
        bruno: bruno.id,
        signed: signed!.id,
        unsigned: unsigned!.id,
        brunos: brunos!.id,
      };
    });
    mediator = { userId: ids.julien, structureId: ids.alpha, role: 'mediateur' } as Actor;
  });
  afterAll(() => services.database.close());

  const paperOf = async (mandateId: string) => {
    const [mandate] = await operatorTransaction(services.database, (tx) => tx.select().from(mandates).where(eq(mandates.id, mandateId)));
    if (!mandate?.documentId) return null;
    return transaction(services.database, { structureId: ids.alpha, userId: ids.julien }, async (tx) => {
      const [row] = await tx
        .select()
        .from(vaultDocuments)
        .where(and(eq(vaultDocuments.id, mandate.documentId!)));
      const opened = await openDocument(
        tx,
        services,
        { structureId: ids.alpha, personId: mandate.personId },
        row!.id,
        ids.julien,
        'Vérifier le mandat',
      );
      return { kind: row!.kind, expiresOn: row!.expiresOn, contentType: opened!.contentType, bytes: await buffer(await opened!.stream()) };
    });
  };

  it('range le PDF du mandat signé, puis le papier scanné qui le remplace', async () => {
    expect(await call(services, mediator, fileSignedMandate, ids.signed)).not.toBeNull();
    const filed = await paperOf(ids.signed);
    expect([filed!.kind, filed!.expiresOn, filed!.contentType]).toEqual(['mandat', '2027-11-20', 'application/pdf']);
    expect(await pdfTextOf(filed!.bytes)).toContain('Awa Diop');

    const scan = await sharp({ create: { width: 1200, height: 1700, channels: 3, background: { r: 250, g: 250, b: 245 } } })
      .jpeg()
      .toBuffer();
    expect(await call(services, mediator, fileScannedMandate, ids.signed, [{ name: 'mandat.jpg', bytes: scan }])).toEqual({ ok: true });
    expect((await paperOf(ids.signed))!.contentType).toBe('image/jpeg');
  });

  it('ne range rien sans l’accord au coffre ni pour un mandat non signé, et le dit', async () => {
    expect(await call(services, mediator, fileSignedMandate, ids.brunos)).toBeNull();
    const page = [{ name: 'mandat.pdf', bytes: Buffer.from('%PDF-1.4') }];
    expect(await call(services, mediator, fileScannedMandate, ids.unsigned, page)).toEqual({ ok: false, error: 'non_signe' });
    const scan = await sharp({ create: { width: 100, height: 100, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    expect(await call(services, mediator, fileScannedMandate, ids.brunos, [{ name: 'scan.png', bytes: scan }])).toEqual({
      ok: false,
      error: 'sans_coffre',
    });
    expect(await paperOf(ids.brunos)).toBeNull();
  });
});
