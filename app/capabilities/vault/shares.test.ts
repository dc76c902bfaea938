// Le coffre-fort dans le portail et ses partages, sur une vraie base, sous le rôle relais_resident : la personne range
// ses papiers et les transmet à un organisme ; le lien et le code partent chacun dans leur message ; le code faux,
// déjà utilisé ou essayé 5 fois, le lien altéré, expiré ou arrêté se refusent ; le papier transmis est marqué ; chaque
// ouverture est notée pour la personne. Une autre personne ne voit rien de tout cela (RLS).
import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { pdfTextOf } from '../../../test/pdf';
import { callAsResident, callScoped, residentIdentity } from '../../../test/request';
import { addMembership, makeStructure, makeUser } from '../../db/builders.server';
import { operatorTransaction } from '../../db/transaction.server';
import type { ResidentIdentity } from '../../platform/authorize.server';
import { auditEvents, outbox, users } from '../../platform/schema';
import { residentDataExport } from '../portal/my-data.server';
import { makePerson } from '../reception/builders.server';
import { prepareDocument } from './intake.server';
import { TamperedFileError } from './encryption.server';
import {
  acceptVault,
  addMyPaper,
  myPapers,
  openMyPaper,
  removeMyPaper,
  renewMyShareCode,
  shareMyPapers,
  stopMyShare,
} from './my-papers.server';
import { vaultDocuments, vaultShares } from './schema';
import { enterShareCode, openShareLink, sharedDocumentPdf, sharedDocuments, shareUrl } from './shares.server';
import { readWhole, storeDocument } from './vault.server';

describe('mes papiers et leurs partages', () => {
  let services: TestServices;
  let awa: ResidentIdentity;
  let bruno: ResidentIdentity;
  let papers: { notice: string; rib: string; brunos: string };

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
  const share = (who: ResidentIdentity, documentIds: string[], duration = '7j') =>
    callAsResident(services, who, shareMyPapers, {
      documentIds,
      recipientName: 'CAF',
      recipientEmail: 'Accueil@CAF-alpha.exemple',
      duration,
    });
  const tokenOf = (url: string) => decodeURIComponent(url.split('/partage/')[1]!);
  const open = (token: string, access: string | null) => callScoped(services, openShareLink, token, access);
  const messages = () => operatorTransaction(services.database, (tx) => tx.select().from(outbox).orderBy(outbox.createdAt));

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    services.clock.now = new Date('2026-12-01T10:00:00');
    const ids = await operatorTransaction(services.database, async (tx) => {
      const alpha = await makeStructure(tx, { slug: 'alpha', name: "CCAS d'Alpha" });
      const julien = await makeUser(tx, { email: 'julien@alpha.test', displayName: 'Julien Martin' });
      await addMembership(tx, { structureId: alpha.id, userId: julien.id, role: 'mediateur' });
      const a = await makePerson(tx, alpha.id, { firstName: 'Awa', lastName: 'Diop' });
      const b = await makePerson(tx, alpha.id, { firstName: 'Bruno', lastName: 'Petit' });
      return { alpha: alpha.id, awa: a.id, bruno: b.id };
    });
    awa = residentIdentity(ids.alpha, ids.awa);
    bruno = residentIdentity(ids.alpha, ids.bruno);
    papers = {
      notice: await add(awa, 'avis_imposition', 'Avis-impot-Awa'),
      rib: await add(awa, 'rib', 'RIB-Awa'),
      brunos: await add(bruno, 'rib', 'RIB-Bruno'),
    };
  });
  afterAll(() => services.database.close());

  it('range les papiers de la personne elle-même, sans agent, et au journal par la fonction limitée', async () => {
    const mine = await callAsResident(services, awa, myPapers);
    expect([mine.open, mine.documents.map((d) => [d.kind, d.addedByPerson, d.addedBy])]).toEqual([
      true,
      [
        ['rib', true, null],
        ['avis_imposition', true, null],
      ],
    ]);
    const audit = await operatorTransaction(services.database, (tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.action, 'coffre.document_ajoute')),
    );
    expect(audit.map((a) => a.actorUserId)).toEqual([null, null, null]);
  });

  it('ne partage que ses propres papiers présents, et dit ce qui manque dans la demande', async () => {
    expect(await share(awa, [papers.brunos])).toEqual({ ok: false, problem: { papiers: 'invalide' } });
    expect(
      await callAsResident(services, awa, shareMyPapers, {
        documentIds: [],
        recipientName: ' ',
        recipientEmail: 'pas-une-adresse',
        duration: '2ans',
      }),
    ).toEqual({ ok: false, problem: { papiers: 'vide', nom: 'vide', email: 'invalide', duree: 'vide' } });
  });

  it("transmet à un organisme : le lien et le code à part ; le code ouvre une fois, pour un seul navigateur ; le papier est marqué et l'ouverture notée", async () => {
    const created = await share(awa, [papers.notice]);
    if (!created.ok) throw new Error('partage refusé');
    expect(created.code).toMatch(/^\d{6}$/);
    const sent = (await messages()).filter((m) => m.purpose.startsWith('coffre.partage'));
    expect(sent.map((m) => [m.purpose, m.recipient])).toEqual([
      ['coffre.partage_lien', 'accueil@caf-alpha.exemple'],
      ['coffre.partage_code', 'accueil@caf-alpha.exemple'],
    ]);
    const link = sent[0]!.body.match(/https?:\/\/\S+/)![0];
    expect(sent[0]!.body).not.toContain(created.code);
    expect(sent[1]!.body).toContain(`${created.code.slice(0, 3)} ${created.code.slice(3)}`);
    expect(sent[1]!.body).not.toContain('/partage/');
    const [row] = await operatorTransaction(services.database, (tx) => tx.select().from(vaultShares).where(eq(vaultShares.id, created.id)));
    expect(JSON.stringify(row)).not.toContain(created.code);

    const token = tokenOf(link);
    expect(await open(token, null)).toMatchObject({ ok: true, state: 'code' });
    const wrong = String((Number(created.code) + 1) % 1_000_000).padStart(6, '0');
    expect(await callScoped(services, enterShareCode, token, wrong)).toMatchObject({ ok: false, wrongCode: { remaining: 4 } });
    const entered = await callScoped(services, enterShareCode, token, created.code);
    if (!entered.ok) throw new Error('code refusé');
    // Le même code, rejoué (ou le lien ouvert ailleurs) : déjà utilisé.
    expect(await callScoped(services, enterShareCode, token, created.code)).toMatchObject({ ok: false, access: { state: 'deja_utilise' } });
    expect(await open(token, 'un-autre-navigateur')).toMatchObject({ ok: true, state: 'deja_utilise' });

    const pdf = await callScoped(services, async (scope) => {
      const access = await openShareLink(scope, token, entered.accessToken);
      if (!access.ok) throw new Error('accès refusé');
      expect((await sharedDocuments(scope.tx, access)).map((d) => d.id)).toEqual([papers.notice]);
      // Un papier de la personne hors du partage, ou celui d'une autre : rien.
      expect(await sharedDocumentPdf(scope, access, papers.rib, 'vu')).toBeNull();
      expect(await sharedDocumentPdf(scope, access, papers.brunos, 'vu')).toBeNull();
      // Sous le rôle de la personne qui a partagé : la base ne rend aucune ligne d'une autre personne.
      const visible = await scope.tx.select({ personId: vaultDocuments.personId }).from(vaultDocuments);
      expect(new Set(visible.map((v) => v.personId))).toEqual(new Set([awa.personId]));
      return sharedDocumentPdf(scope, access, papers.notice, 'telecharge');
    });
    const text = await pdfTextOf(pdf!);
    expect(text).toContain('Avis-impot-Awa');
    expect(text).toContain('Transmis par Awa Diop le 1 décembre 2026 à 10:00 pour CAF');

    const mine = await callAsResident(services, awa, myPapers);
    expect(mine.shares[0]!.events.map((e) => [e.documentId, e.action])).toEqual([[papers.notice, 'telecharge']]);
    expect((await callAsResident(services, bruno, myPapers)).shares).toEqual([]);

    // La personne arrête le partage : le lien ne mène plus à rien, même pour le navigateur déjà ouvert.
    expect(await callAsResident(services, bruno, stopMyShare, created.id)).toBe(false);
    expect(await callAsResident(services, awa, stopMyShare, created.id)).toBe(true);
    expect(await open(token, entered.accessToken)).toEqual({ ok: false, reason: 'retire' });
    expect(await callAsResident(services, awa, stopMyShare, created.id)).toBe(false);

    // « Mes données » : ce qui est rangé et à qui c'est transmis, avec les ouvertures (jamais le contenu).
    const exported = await callAsResident(services, awa, residentDataExport);
    expect(exported.papiers.map((p) => p.type)).toEqual(['avis_imposition', 'rib']);
    expect(exported.envois_de_papiers.map((e) => [e.pour, e.papiers, e.ouvertures.map((o) => o.geste), e.arrete_le !== null])).toEqual([
      ['CAF', ['avis_imposition'], ['telecharge'], true],
    ]);
  });

  it('bloque le lien après 5 codes faux ; un nouveau code, demandé par la personne, le rouvre', async () => {
    const created = await share(awa, [papers.rib], '1h');
    if (!created.ok) throw new Error('partage refusé');
    const token = tokenOf(shareUrl(services, { id: created.id, expiresAt: created.expiresAt }));
    const wrong = String((Number(created.code) + 7) % 1_000_000).padStart(6, '0');
    for (let attempt = 0; attempt < 5; attempt++) await callScoped(services, enterShareCode, token, wrong);
    expect(await open(token, null)).toMatchObject({ ok: true, state: 'bloque' });
    expect(await callScoped(services, enterShareCode, token, created.code)).toMatchObject({ ok: false, access: { state: 'bloque' } });
    expect((await callAsResident(services, awa, myPapers)).shares.find((s) => s.id === created.id)?.blocked).toBe(true);
    expect(await callAsResident(services, bruno, renewMyShareCode, created.id)).toBeNull();
    const renewed = await callAsResident(services, awa, renewMyShareCode, created.id);
    expect(await open(token, null)).toMatchObject({ ok: true, state: 'code' });
    expect(await callScoped(services, enterShareCode, token, created.code)).toMatchObject({ ok: false, wrongCode: {} });
    expect(await callScoped(services, enterShareCode, token, renewed!.code)).toMatchObject({ ok: true });
    const codes = (await messages()).filter((m) => m.purpose === 'coffre.partage_code' && m.body.includes(renewed!.code.slice(3)));
    expect(codes.length).toBeGreaterThan(0);

    // Une heure plus tard, le partage a pris fin ; un lien altéré ne dit rien.
    services.clock.now = new Date('2026-12-01T11:00:01');
    try {
      expect(await open(token, null)).toMatchObject({ ok: false, reason: 'expire' });
    } finally {
      services.clock.now = new Date('2026-12-01T10:00:00');
    }
    expect(await open(`${token.slice(0, -2)}xx`, null)).toEqual({ ok: false, reason: 'invalide' });
    expect(await open('pas-un-lien', null)).toEqual({ ok: false, reason: 'invalide' });
  });

  it('un fichier chiffré altéré est refusé (étiquette GCM), à l’organisme comme à la personne, sans rien noter', async () => {
    const paper = await add(awa, 'avis_imposition', 'Avis-altere');
    const [row] = await operatorTransaction(services.database, (tx) =>
      tx.select().from(vaultDocuments).where(eq(vaultDocuments.id, paper)),
    );
    const file = path.join(services.config.dataDir, 'files', row!.storageName.slice(0, 2), row!.storageName);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 40]! ^= 0xff;
    fs.writeFileSync(file, bytes);
    const created = await share(awa, [paper]);
    if (!created.ok) throw new Error('partage refusé');
    const token = tokenOf(shareUrl(services, { id: created.id, expiresAt: created.expiresAt }));
    const entered = await callScoped(services, enterShareCode, token, created.code);
    if (!entered.ok) throw new Error('code refusé');
    await expect(
      callScoped(services, async (scope) => {
        const access = await openShareLink(scope, token, entered.accessToken);
        if (!access.ok) throw new Error('accès refusé');
        return sharedDocumentPdf(scope, access, paper, 'vu');
      }),
    ).rejects.toBeInstanceOf(TamperedFileError);
    await expect(callAsResident(services, awa, async (scope) => readWhole((await openMyPaper(scope, paper))!))).rejects.toBeInstanceOf(
      TamperedFileError,
    );
    expect((await callAsResident(services, awa, myPapers)).shares.find((s) => s.id === created.id)?.events).toEqual([]);
  });

  it('la personne détruit aussi un papier rangé par son médiateur, et arrête un partage fait avec lui', async () => {
    const { paper, shareId } = await operatorTransaction(services.database, async (tx) => {
      const owner = { structureId: awa.structureId, personId: awa.personId };
      const [agent] = await tx.select({ id: users.id }).from(users).limit(1);
      const id = await storeDocument(
        tx,
        services,
        owner,
        { kind: 'rib', issuedOn: null, expiresOn: null, fileName: 'rib-par-le-mediateur.pdf' },
        await onePage('RIB-par-le-mediateur'),
        { userId: agent!.id, byPerson: false },
        services.now(),
      );
      const [row] = await tx
        .insert(vaultShares)
        .values({
          ...owner,
          documentIds: [id],
          recipientKind: 'organisme',
          recipientName: 'CPAM',
          recipientEmail: 'cpam@exemple.test',
          expiresAt: new Date('2026-12-08T10:00:00'),
          createdBy: agent!.id,
          createdAt: services.now(),
        })
        .returning({ id: vaultShares.id });
      return { paper: id, shareId: row!.id };
    });
    expect(await callAsResident(services, awa, stopMyShare, shareId)).toBe(true);
    expect(await callAsResident(services, awa, removeMyPaper, paper)).toBe(true);
  });

  it('un papier détruit sort des partages en cours', async () => {
    const paper = await add(awa, 'avis_imposition', 'Avis-a-detruire');
    const created = await share(awa, [paper]);
    if (!created.ok) throw new Error('partage refusé');
    const token = tokenOf(shareUrl(services, { id: created.id, expiresAt: created.expiresAt }));
    const entered = await callScoped(services, enterShareCode, token, created.code);
    if (!entered.ok) throw new Error('code refusé');
    expect(await callAsResident(services, awa, removeMyPaper, paper)).toBe(true);
    const left = await callScoped(services, async (scope) => {
      const access = await openShareLink(scope, token, entered.accessToken);
      if (!access.ok) throw new Error('accès refusé');
      return { listed: await sharedDocuments(scope.tx, access), pdf: await sharedDocumentPdf(scope, access, paper, 'vu') };
    });
    expect(left).toEqual({ listed: [], pdf: null });
    const [row] = await operatorTransaction(services.database, (tx) =>
      tx
        .select()
        .from(vaultDocuments)
        .where(and(eq(vaultDocuments.id, paper))),
    );
    expect(row!.wrappedKey).toBeNull();
  });
});
