// Changer de clé maîtresse (issue 21, décision 028) sur une vraie base et un vrai dossier : les papiers se relisent à
// l'octet près avec la nouvelle clé, pas avec l'ancienne ; aucun fichier n'est réécrit ; la racine (liens, empreintes
// du portail) ne change pas ; une erreur au milieu n'a rien changé.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServices, type TestServices } from '../test/database';
import { addMembership, makeStructure, makeUser } from './db/builders.server';
import { operatorTransaction, transaction } from './db/transaction.server';
import { MasterKeyMismatch, openKeyRing } from './platform/key-ring.server';
import { makePerson } from './capabilities/reception/builders.server';
import { prepareDocument } from './capabilities/vault/intake.server';
import { vaults } from './capabilities/vault/schema';
import { openDocument, openVault, storeDocument, type VaultOwner } from './capabilities/vault/vault.server';
import { rotateMasterKey } from './key-rotation.server';

describe('changement de clé maîtresse', () => {
  let services: TestServices;
  let root: Buffer;
  const papers: Array<{ owner: VaultOwner; agent: string; id: string; bytes: Buffer }> = [];
  const filesDir = () => path.join(services.config.dataDir, 'files');

  /** Empreinte de chaque fichier du dossier : une rotation ne doit en changer aucun. */
  const snapshot = () =>
    Object.fromEntries(
      fs
        .readdirSync(filesDir(), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => {
          const full = path.join(e.parentPath, e.name);
          return [full, crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex')];
        }),
    );

  const read = (paper: (typeof papers)[number], masterKey: Buffer) =>
    transaction(services.database, { structureId: paper.owner.structureId, userId: paper.agent }, async (tx) => {
      const opened = await openDocument(tx, { masterKey, files: services.files }, paper.owner, paper.id, paper.agent);
      return buffer(await opened!.stream());
    });

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    root = await openKeyRing(services.database, services.masterKey);
    for (const slug of ['alpha', 'beta']) {
      const { owner, agent } = await operatorTransaction(services.database, async (tx) => {
        const structure = await makeStructure(tx, { slug, name: `CCAS de ${slug}` });
        const user = await makeUser(tx, { email: `mediation@${slug}.test`, displayName: 'Sam Médiation' });
        await addMembership(tx, { structureId: structure.id, userId: user.id, role: 'mediateur' });
        const person = await makePerson(tx, structure.id, { firstName: 'Awa', lastName: 'Diop' });
        return { owner: { structureId: structure.id, personId: person.id }, agent: user.id };
      });
      const pdf = await PDFDocument.create();
      pdf.addPage().drawText(`Titre de sejour ${slug}`, { x: 50, y: 700 });
      const prepared = await prepareDocument([{ name: `titre-${slug}.pdf`, bytes: Buffer.from(await pdf.save()) }]);
      const id = await transaction(services.database, { structureId: owner.structureId, userId: agent }, async (tx) => {
        await openVault(tx, services.masterKey, owner, agent, services.now());
        return storeDocument(
          tx,
          services,
          owner,
          { kind: 'titre_sejour', issuedOn: null, expiresOn: null, fileName: `titre-${slug}.pdf` },
          prepared,
          { userId: agent, byPerson: false },
          services.now(),
        );
      });
      papers.push({ owner, agent, id, bytes: prepared.bytes });
    }
  });
  afterAll(() => services.database.close());

  it('réenveloppe la racine et chaque coffre : les papiers se relisent avec la nouvelle clé, aucun fichier réécrit', async () => {
    const before = snapshot();
    const oldKey = services.masterKey;
    const nextKey = crypto.randomBytes(32);
    expect(await rotateMasterKey(services.database, oldKey, nextKey, services.now())).toEqual({ structures: 2, vaults: 2 });
    expect(snapshot()).toEqual(before);
    for (const paper of papers) {
      expect((await read(paper, nextKey)).equals(paper.bytes)).toBe(true);
      await expect(read(paper, oldKey)).rejects.toThrow(/altéré/);
    }
    // La racine ne change pas : liens signés, codes, cartes et empreintes du portail restent valables.
    expect((await openKeyRing(services.database, nextKey)).equals(root)).toBe(true);
    await expect(openKeyRing(services.database, oldKey)).rejects.toBeInstanceOf(MasterKeyMismatch);
    services.masterKey = nextKey;
  });

  it('refuse une ancienne clé qui n’est pas la bonne, sans rien changer', async () => {
    const wrong = crypto.randomBytes(32);
    await expect(rotateMasterKey(services.database, wrong, crypto.randomBytes(32), services.now())).rejects.toBeInstanceOf(
      MasterKeyMismatch,
    );
    for (const paper of papers) expect((await read(paper, services.masterKey)).equals(paper.bytes)).toBe(true);
  });

  it('annule tout si une enveloppe ne s’ouvre pas en chemin : la clé en place reste la bonne partout', async () => {
    const beta = papers[1]!.owner;
    const sealed = await operatorTransaction(services.database, async (tx) => {
      const [row] = await tx.select().from(vaults).where(eq(vaults.personId, beta.personId));
      await tx.update(vaults).set({ wrappedKey: 'k1.abc.def.ghi' }).where(eq(vaults.id, row!.id));
      return row!.wrappedKey!;
    });
    await expect(rotateMasterKey(services.database, services.masterKey, crypto.randomBytes(32), services.now())).rejects.toThrow(/altéré/);
    await operatorTransaction(services.database, (tx) =>
      tx.update(vaults).set({ wrappedKey: sealed }).where(eq(vaults.personId, beta.personId)),
    );
    expect((await openKeyRing(services.database, services.masterKey)).equals(root)).toBe(true);
    for (const paper of papers) expect((await read(paper, services.masterKey)).equals(paper.bytes)).toBe(true);
  });
});
