import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { sqlRows } from '../../db/database.server';
import { auditEvents, memberships, structures, users } from '../../platform/schema';
import { operatorTransaction } from '../../db/transaction.server';
import type { Actor } from '../../platform/policies';
import { DEMO_ACCOUNTS, seedDemo } from '../demo/seed-demo.server';
import { browseAuditLog } from './audit-log.server';
import { changeRole, inviteMember, membersIn, setAccess } from './members.server';
import { readStructureSettings, updateStructureSettings } from './structure-settings.server';
import { call } from '../../../test/request';

describe("administration d'une structure", () => {
  let services: TestServices;
  let admin: Actor;
  let betaMediator: string;
  let alphaMediator: string;

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    await seedDemo(services.database, { small: true });
    const ids = await operatorTransaction(services.database, async (tx) => {
      const all = await tx.select().from(users);
      const alpha = (await tx.select().from(structures).where(eq(structures.slug, 'alpha')))[0]!;
      return { all, alpha };
    });
    const id = (email: string) => ids.all.find((u) => u.email === email)!.id;
    admin = { userId: id('admin@alpha.test'), structureId: ids.alpha.id, role: 'administrateur' };
    betaMediator = id('mediation@beta.test');
    alphaMediator = id('mediation@alpha.test');
  });
  afterAll(() => services.database.close());

  it('liste les seuls agents de la structure', async () => {
    const members = await call(services, admin, ({ tx, actor }) => membersIn(tx, actor));
    expect(members.map((m) => m.email).sort()).toEqual(
      DEMO_ACCOUNTS.filter((a) => a.structure === 'alpha')
        .map((a) => a.email)
        .sort(),
    );
    expect(members.find((m) => m.userId === admin.userId)?.canChange).toBe(false);
  });

  it('invite un agent : compte créé sans mot de passe, adhésion, e-mail avec lien, audit', async () => {
    const result = await call(services, admin, inviteMember, {
      email: 'nouvelle@alpha.test',
      displayName: 'Nouvelle Agente',
      role: 'accueil',
    });
    expect(result).toEqual({ ok: true, created: true });
    const mail = services.sent.at(-1)!;
    expect(mail).toMatchObject({ to: 'nouvelle@alpha.test', subject: "Relais — invitation de CCAS d'Alpha" });
    expect(mail.text).toMatch(/\/mot-de-passe\/nouveau\?jeton=/);
    const member = (await call(services, admin, ({ tx, actor }) => membersIn(tx, actor))).find((m) => m.email === 'nouvelle@alpha.test');
    expect(member).toMatchObject({ role: 'accueil', invitationPending: true });
    expect(await call(services, admin, inviteMember, { email: 'nouvelle@alpha.test', displayName: 'X', role: 'accueil' })).toEqual({
      ok: false,
      error: 'deja_membre',
    });
  });

  it('invite dans Alpha un agent qui existe déjà dans Beta, sans toucher à son compte', async () => {
    const result = await call(services, admin, inviteMember, { email: 'mediation@beta.test', displayName: 'Autre nom', role: 'mediateur' });
    expect(result).toEqual({ ok: true, created: false });
    expect(services.sent.at(-1)!.text).toContain('/connexion');
  });

  it("change un rôle et désactive un agent d'Alpha, avec audit", async () => {
    expect(await call(services, admin, changeRole, alphaMediator, 'responsable')).toEqual({ ok: true });
    expect(await call(services, admin, setAccess, alphaMediator, 'desactiver')).toEqual({ ok: true });
    const [row] = await operatorTransaction(services.database, (tx) =>
      tx
        .select()
        .from(memberships)
        .where(and(eq(memberships.userId, alphaMediator), eq(memberships.structureId, admin.structureId))),
    );
    expect(row).toMatchObject({ role: 'responsable' });
    expect(row!.disabledAt).not.toBeNull();
    const actions = await operatorTransaction(services.database, (tx) =>
      tx.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.targetId, alphaMediator)),
    );
    expect(actions.map((a) => a.action)).toEqual(['utilisateur.role_modifie', 'utilisateur.desactive']);
  });

  it('refuse de modifier son propre accès', async () => {
    expect(await call(services, admin, changeRole, admin.userId, 'accueil')).toEqual({ ok: false, error: 'interdit' });
    expect(await call(services, admin, setAccess, admin.userId, 'desactiver')).toEqual({ ok: false, error: 'interdit' });
  });

  it("ne trouve pas un agent qui n'est que dans une autre structure", async () => {
    const other = await operatorTransaction(
      services.database,
      async (tx) => (await tx.select().from(users).where(eq(users.email, 'accueil@beta.test')))[0]!.id,
    );
    expect(await call(services, admin, changeRole, other, 'administrateur')).toEqual({ ok: false, error: 'introuvable' });
    expect(await call(services, admin, setAccess, other, 'desactiver')).toEqual({ ok: false, error: 'introuvable' });
    expect(betaMediator).toBeTruthy();
  });

  it('modifie les paramètres de sa seule structure', async () => {
    await call(services, admin, updateStructureSettings, {
      name: "CCAS de la ville d'Alpha",
      typology: 'CCAS',
      street: '1 place de la Mairie',
      postalCode: '01000',
      city: 'Alpha',
      latitude: 47.3941,
      longitude: 0.6848,
      referralReminderDays: 10,
    });
    expect(await call(services, admin, readStructureSettings)).toMatchObject({
      name: "CCAS de la ville d'Alpha",
      postalCode: '01000',
      latitude: 47.3941,
      referralReminderDays: 10,
    });
    const beta = await operatorTransaction(
      services.database,
      async (tx) => (await tx.select().from(structures).where(eq(structures.slug, 'beta')))[0]!,
    );
    expect(beta.name).toBe('CCAS de Beta');
  });

  it("filtre le journal d'audit et trace sa consultation", async () => {
    const log = await call(services, admin, browseAuditLog, { action: 'utilisateur.' });
    expect(log.events.length).toBeGreaterThanOrEqual(4);
    expect(log.events.every((e) => e.action.startsWith('utilisateur.'))).toBe(true);
    const empty = await call(services, admin, browseAuditLog, { du: '2030-01-01' });
    expect(empty.events).toEqual([]);
    const again = await call(services, admin, browseAuditLog, { action: 'audit.consulte' });
    expect(again.events.length).toBe(2);
  });
});

describe('jeu de démonstration', () => {
  it('crée les structures et les comptes de démonstration, sans doublon au second passage', async () => {
    const database = await createTestDatabase();
    await seedDemo(database, { small: true });
    await seedDemo(database, { small: true });
    const counts = await operatorTransaction(database, async (tx) => ({
      structures: (await tx.select().from(structures)).map((s) => s.slug).sort(),
      users: (await tx.select().from(users)).length,
      memberships: (await tx.select().from(memberships)).length,
    }));
    expect(counts).toEqual({
      structures: ['alpha', 'beta', 'mediatheque-alpha'],
      users: DEMO_ACCOUNTS.length,
      memberships: DEMO_ACCOUNTS.length,
    });
    // Alpha reçoit à son siège et, depuis deux ans, à une permanence ; Beta, à son seul siège.
    const rows = await operatorTransaction(database, (tx) =>
      sqlRows<{ slug: string; site: string | null; first: string }>(
        tx,
        sql`
        select st.slug, pl.name as site, min(s.occurred_at)::text as first from solicitations s
        join structures st on st.id = s.structure_id left join places pl on pl.structure_id = s.structure_id and pl.id = s.site_id
        group by 1, 2 order by 1, 2`,
      ),
    );
    expect(rows.map((r) => [r.slug, r.site])).toEqual([
      ['alpha', "CCAS d'Alpha — service Cohésion sociale"],
      ['alpha', 'Mairie annexe des Fontaines'],
      ['beta', 'CCAS de Beta'],
    ]);
    expect(new Date(rows[1]!.first).getFullYear()).toBe(new Date().getFullYear() - 2);
    await database.close();
  });
});
