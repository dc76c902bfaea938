import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { sqlRows } from '../../db/database.server';
import { auditEvents, memberships, structures, users } from '../../platform/schema';
import { operatorTransaction } from '../../db/transaction.server';
import type { Actor } from '../../platform/policies';
import { DEMO_ACCOUNTS, seedDemo } from '../demo/seed-demo.server';
import { browseAuditLog } from './audit-log.server';
import { roleChangeAllowed, rolesOfferedTo } from './rules';
import { cancelInvitation, changeRole, inviteMember, membersIn, pendingInvitationsIn, setAccess } from './members.server';
import { answerInvitation, invitationsFor } from '../accounts/invitations.server';
import { deliverDueMessages } from '../../platform/jobs/outbox.server';
import type { SessionState } from '../../platform/session.server';
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

  /** L'état de session d'un agent, tel que la lecture de session le pose (e-mail et adhésions). */
  const sessionStateOf = async (actor: Actor): Promise<SessionState> => {
    const user = await operatorTransaction(
      services.database,
      async (tx) => (await tx.select().from(users).where(eq(users.id, actor.userId)))[0]!,
    );
    const membership = { structureId: actor.structureId, structureName: '', structureSlug: '', role: actor.role };
    return {
      sessionId: 'x',
      user: { id: user.id, email: user.email, displayName: user.displayName, isDemo: false, totpEnabled: false },
      memberships: [membership],
      secondFactorRequired: false,
      secondFactorDone: true,
      active: membership,
    };
  };

  it('liste les seuls agents de la structure', async () => {
    const members = await call(services, admin, ({ tx, actor }) => membersIn(tx, actor));
    expect(members.map((m) => m.email).sort()).toEqual(
      DEMO_ACCOUNTS.filter((a) => a.structure === 'alpha')
        .map((a) => a.email)
        .sort(),
    );
    expect(members.find((m) => m.userId === admin.userId)?.canChange).toBe(false);
  });

  it('invite un agent : compte créé sans mot de passe, adhésion, e-mail avec lien par l’outbox, audit', async () => {
    const result = await call(services, admin, inviteMember, {
      email: 'nouvelle@alpha.test',
      displayName: 'Nouvelle Agente',
      role: 'accueil',
    });
    expect(result).toEqual({ ok: true });
    await deliverDueMessages(services, admin.structureId);
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

  it("invite un agent qui existe déjà dans Beta : une invitation qu'il accepte, rien de son compte visible avant", async () => {
    const result = await call(services, admin, inviteMember, { email: 'mediation@beta.test', displayName: 'Autre nom', role: 'mediateur' });
    expect(result).toEqual({ ok: true });
    expect(await call(services, admin, inviteMember, { email: 'mediation@beta.test', displayName: 'Encore', role: 'accueil' })).toEqual({
      ok: false,
      error: 'deja_invite',
    });
    await deliverDueMessages(services, admin.structureId);
    expect(services.sent.at(-1)!.text).toContain('/structure');
    // Ni adhésion, ni nom réel : la structure ne voit que ce qu'elle a saisi.
    const members = await call(services, admin, ({ tx, actor }) => membersIn(tx, actor));
    expect(members.map((m) => m.email)).not.toContain('mediation@beta.test');
    const seen = await call(services, admin, ({ tx }) => tx.select().from(users).where(eq(users.id, betaMediator)));
    expect(seen).toEqual([]);
    const pending = await call(services, admin, ({ tx, actor }) => pendingInvitationsIn(tx, actor));
    expect(pending.find((i) => i.email === 'mediation@beta.test')).toMatchObject({ displayName: 'Autre nom', role: 'mediateur' });

    // L'agent invité, connecté dans Beta, voit l'invitation et l'accepte.
    const beta = await operatorTransaction(
      services.database,
      async (tx) => (await tx.select().from(structures).where(eq(structures.slug, 'beta')))[0]!,
    );
    const invitee: Actor = { userId: betaMediator, structureId: beta.id, role: 'mediateur' };
    const state = await sessionStateOf(invitee);
    const received = await call(services, invitee, (ctx) => invitationsFor(ctx, state));
    expect(received).toMatchObject([{ structureName: "CCAS d'Alpha", role: 'mediateur' }]);
    // Un autre agent de Beta ne la voit pas.
    const other = await operatorTransaction(
      services.database,
      async (tx) => (await tx.select().from(users).where(eq(users.email, 'accueil@beta.test')))[0]!,
    );
    const otherState = { ...state, user: { ...state.user, id: other.id, email: other.email } };
    expect(await call(services, { ...invitee, userId: other.id }, (ctx) => invitationsFor(ctx, otherState))).toEqual([]);
    expect(
      await call(services, { ...invitee, userId: other.id }, (ctx) => answerInvitation(ctx, otherState, received[0]!.id, 'accepter')),
    ).toEqual({
      ok: false,
      error: 'invitation_introuvable',
    });
    expect(await call(services, invitee, (ctx) => answerInvitation(ctx, state, received[0]!.id, 'accepter'))).toMatchObject({ ok: true });
    const after = await call(services, admin, ({ tx, actor }) => membersIn(tx, actor));
    expect(after.find((m) => m.email === 'mediation@beta.test')).toMatchObject({ role: 'mediateur' });
    expect((await call(services, admin, ({ tx, actor }) => pendingInvitationsIn(tx, actor))).map((i) => i.email)).not.toContain(
      'mediation@beta.test',
    );
    const actions = await operatorTransaction(services.database, (tx) =>
      tx
        .select({ action: auditEvents.action, structureId: auditEvents.structureId })
        .from(auditEvents)
        .where(eq(auditEvents.targetId, received[0]!.id)),
    );
    expect(actions.map((a) => a.action).sort()).toEqual(['utilisateur.invitation_acceptee', 'utilisateur.invite']);
    expect(new Set(actions.map((a) => a.structureId))).toEqual(new Set([admin.structureId]));
  });

  it("n'écrit pas dans le compte d'un membre, et ne crée pas d'adhésion sans invitation (RLS)", async () => {
    await expect(
      call(services, admin, ({ tx }) => tx.update(users).set({ displayName: 'Renommé' }).where(eq(users.id, alphaMediator)).returning()),
    ).resolves.toEqual([]);
    const beta = await operatorTransaction(
      services.database,
      async (tx) => (await tx.select().from(structures).where(eq(structures.slug, 'beta')))[0]!,
    );
    // Un agent d'Alpha qui tente de s'ajouter lui-même à Beta, sans invitation.
    await expect(
      call(services, admin, ({ tx }) =>
        tx.insert(memberships).values({ structureId: beta.id, userId: admin.userId, role: 'administrateur' }),
      ),
    ).rejects.toThrow();
  });

  it('annule une invitation en attente', async () => {
    await call(services, admin, inviteMember, { email: 'accueil@beta.test', displayName: 'Accueil Beta', role: 'accueil' });
    const pending = (await call(services, admin, ({ tx, actor }) => pendingInvitationsIn(tx, actor))).find(
      (i) => i.email === 'accueil@beta.test',
    );
    expect(await call(services, admin, cancelInvitation, pending!.id)).toEqual({ ok: true });
    expect(await call(services, admin, cancelInvitation, pending!.id)).toEqual({ ok: false, error: 'invitation_introuvable' });
  });

  it("change un rôle et désactive un agent d'Alpha, avec audit", async () => {
    expect(await call(services, admin, changeRole, alphaMediator, 'responsable')).toMatchObject({
      ok: true,
      from: 'mediateur',
      to: 'responsable',
      displayName: expect.any(String),
    });
    expect(await call(services, admin, setAccess, alphaMediator, 'desactiver')).toMatchObject({
      ok: true,
      displayName: expect.any(String),
    });
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

  it("ne fait pas d'un agent un partenaire, ni d'un partenaire un agent, par un changement de rôle", async () => {
    const roleOf = async () =>
      (
        await operatorTransaction(services.database, (tx) =>
          tx
            .select({ role: memberships.role })
            .from(memberships)
            .where(and(eq(memberships.userId, alphaMediator), eq(memberships.structureId, admin.structureId))),
        )
      )[0]!.role;
    const before = await roleOf();
    expect(await call(services, admin, changeRole, alphaMediator, 'partenaire')).toEqual({ ok: false, error: 'role_partenaire' });
    expect(await roleOf()).toBe(before);
    expect(rolesOfferedTo('mediateur')).not.toContain('partenaire');
    expect(rolesOfferedTo('partenaire')).toEqual(['partenaire']);
    expect(roleChangeAllowed('partenaire', 'administrateur')).toBe(false);
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
      showReaderNames: true,
    });
    expect(await call(services, admin, readStructureSettings)).toMatchObject({
      name: "CCAS de la ville d'Alpha",
      postalCode: '01000',
      latitude: 47.3941,
      referralReminderDays: 10,
      showReaderNames: true,
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
