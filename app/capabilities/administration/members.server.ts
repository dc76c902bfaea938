// Les agents d'une structure : inviter, changer de rôle, désactiver ou réactiver.
import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { memberships, structures, users } from '../../platform/schema';
import { applySettings } from '../../db/transaction.server';
import { recordAudit } from '../../platform/audit.server';
import { randomToken, sha256Hex } from '../../platform/crypto.server';
import { canChangeMembership, isRole, ROLE_LABELS, type Actor, type Role } from '../../platform/policies';
import { resetLink } from '../accounts/password-reset.server';
import { INVITATION_TOKEN_HOURS } from '../accounts/rules';
import type { RequestContext } from '../../platform/request.server';

export async function membersIn(tx: Tx, actor: Actor) {
  const rows = await tx
    .select({
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      role: memberships.role,
      disabledAt: memberships.disabledAt,
      hasPassword: users.passwordHash,
      totpEnabledAt: users.totpEnabledAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.structureId, actor.structureId))
    .orderBy(asc(users.displayName));
  return rows.map(({ hasPassword, ...row }) => ({
    ...row,
    role: isRole(row.role) ? row.role : null,
    invitationPending: hasPassword === null,
    canChange: canChangeMembership(actor, row.userId),
  }));
}

export type InviteResult = { ok: true; created: boolean } | { ok: false; error: 'deja_membre' };

/** Invite un agent : crée son compte s'il n'existe pas et lui envoie un lien pour choisir son mot de passe. */
export async function inviteMember(ctx: RequestContext, input: { email: string; displayName: string; role: Role }): Promise<InviteResult> {
  const { tx, actor, now, services } = ctx;
  const token = randomToken();
  await applySettings(tx, { loginEmail: input.email });
  let [user] = await tx.select().from(users).where(eq(users.email, input.email));
  const created = !user;
  if (!user) {
    [user] = await tx
      .insert(users)
      .values({
        email: input.email,
        displayName: input.displayName,
        resetTokenHash: sha256Hex(token),
        resetExpiresAt: new Date(now.getTime() + INVITATION_TOKEN_HOURS * 3600_000),
      })
      .returning();
  }
  if (!user) throw new Error('Compte non créé');
  const [existing] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.structureId, actor.structureId), eq(memberships.userId, user.id)));
  if (existing) return { ok: false, error: 'deja_membre' };
  await tx.insert(memberships).values({ structureId: actor.structureId, userId: user.id, role: input.role });
  await recordAudit(tx, actor, 'utilisateur.invite', { type: 'utilisateur', id: user.id }, { role: input.role });
  const structure = await structureName(ctx);
  await services.mail({
    to: input.email,
    subject: `Relais — invitation de ${structure ?? 'votre structure'}`,
    text: [
      'Bonjour,',
      '',
      `Vous êtes invité(e) à utiliser Relais pour ${structure ?? 'votre structure'}, en tant que ${ROLE_LABELS[input.role]}.`,
      created
        ? `Choisissez votre mot de passe avec ce lien (valable ${INVITATION_TOKEN_HOURS} heures) : ${resetLink(services, token)}`
        : `Connectez-vous avec votre compte habituel : ${services.config.publicUrl}/connexion`,
    ].join('\n'),
  });
  return { ok: true, created };
}

async function structureName({ tx, actor }: RequestContext) {
  const [row] = await tx.select({ name: structures.name }).from(structures).where(eq(structures.id, actor.structureId));
  return row?.name;
}

export type MembershipChange = { ok: true } | { ok: false; error: 'interdit' | 'introuvable' };

export async function changeRole({ tx, actor }: RequestContext, userId: string, role: Role): Promise<MembershipChange> {
  if (!canChangeMembership(actor, userId)) return { ok: false, error: 'interdit' };
  const [row] = await tx
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.structureId, actor.structureId), eq(memberships.userId, userId)))
    .returning();
  if (!row) return { ok: false, error: 'introuvable' };
  await recordAudit(tx, actor, 'utilisateur.role_modifie', { type: 'utilisateur', id: userId }, { role });
  return { ok: true };
}

/** Désactiver retire l'accès à la structure dès la requête suivante de l'agent, sans rien effacer. */
export async function setAccess(
  { tx, actor, now }: RequestContext,
  userId: string,
  access: 'desactiver' | 'reactiver',
): Promise<MembershipChange> {
  if (!canChangeMembership(actor, userId)) return { ok: false, error: 'interdit' };
  const [row] = await tx
    .update(memberships)
    .set({ disabledAt: access === 'desactiver' ? now : null })
    .where(and(eq(memberships.structureId, actor.structureId), eq(memberships.userId, userId)))
    .returning();
  if (!row) return { ok: false, error: 'introuvable' };
  await recordAudit(tx, actor, access === 'desactiver' ? 'utilisateur.desactive' : 'utilisateur.reactive', {
    type: 'utilisateur',
    id: userId,
  });
  return { ok: true };
}
