// Les agents d'une structure : inviter, changer de rôle, désactiver ou réactiver.
import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { invitations, memberships, structures, users } from '../../platform/schema';
import { enqueueMessage } from '../../platform/jobs/outbox.server';
import { applySettings } from '../../db/transaction.server';
import { recordAudit } from '../../platform/audit.server';
import { randomToken, sha256Hex } from '../../platform/crypto.server';
import { canChangeMembership, isRole, ROLE_LABELS, type Actor, type Role } from '../../platform/policies';
import { roleChangeAllowed } from './rules';
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

export type InviteResult = { ok: true } | { ok: false; error: 'deja_membre' | 'deja_invite' };

/**
 * Invite un agent. Sans compte pour cette adresse : le compte est créé, l'agent reçoit un lien pour choisir son mot
 * de passe. Avec un compte existant : une invitation qu'il accepte ou refuse à sa connexion ; rien de son compte
 * (nom, autres structures) ne se lit ici. La réponse à l'écran est la même dans les deux cas ; l'e-mail part par
 * l'outbox.
 */
export async function inviteMember(ctx: RequestContext, input: { email: string; displayName: string; role: Role }): Promise<InviteResult> {
  const { tx, actor, now, services } = ctx;
  if (await isMember(tx, actor, input.email)) return { ok: false, error: 'deja_membre' };
  const token = randomToken();
  // L'e-mail saisi rend visible le seul compte créé ici (RETURNING) ; un compte existant ne se lit pas.
  await applySettings(tx, { loginEmail: input.email });
  const [created] = await tx
    .insert(users)
    .values({
      email: input.email,
      displayName: input.displayName,
      resetTokenHash: sha256Hex(token),
      resetExpiresAt: new Date(now.getTime() + INVITATION_TOKEN_HOURS * 3600_000),
    })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  await applySettings(tx, { loginEmail: null });
  const structure = (await structureName(ctx)) ?? 'votre structure';
  const greeting = `Vous êtes invité(e) à utiliser Relais pour ${structure}, en tant que ${ROLE_LABELS[input.role]}.`;
  let subjectId: string;
  let next: string;
  if (created) {
    await tx.insert(memberships).values({ structureId: actor.structureId, userId: created.id, role: input.role });
    await recordAudit(tx, actor, 'utilisateur.invite', { type: 'utilisateur', id: created.id }, { role: input.role });
    subjectId = created.id;
    next = `Choisissez votre mot de passe avec ce lien (valable ${INVITATION_TOKEN_HOURS} heures) : ${resetLink(services, token)}`;
  } else {
    const [invitation] = await tx
      .insert(invitations)
      .values({ structureId: actor.structureId, ...input, invitedBy: actor.userId, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: invitations.id });
    if (!invitation) return { ok: false, error: 'deja_invite' };
    await recordAudit(tx, actor, 'utilisateur.invite', { type: 'invitation', id: invitation.id }, { role: input.role });
    subjectId = invitation.id;
    next = `Connectez-vous avec votre compte habituel, puis acceptez ou refusez l'invitation : ${services.config.publicUrl}/structure`;
  }
  await enqueueMessage(
    tx,
    actor.structureId,
    {
      channel: 'email',
      recipient: input.email,
      subject: `Relais — invitation de ${structure}`,
      body: ['Bonjour,', '', greeting, next].join('\n'),
      purpose: 'utilisateur.invitation',
      subjectId,
      dedupeKey: `utilisateur.invitation:${subjectId}`,
    },
    now,
  );
  return { ok: true };
}

async function isMember(tx: Tx, actor: Actor, email: string) {
  const [row] = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.structureId, actor.structureId), eq(users.email, email)));
  return Boolean(row);
}

/** Les invitations de comptes existants encore sans réponse : le nom est celui saisi par la structure. */
export async function pendingInvitationsIn(tx: Tx, actor: Actor) {
  return tx
    .select({ id: invitations.id, email: invitations.email, displayName: invitations.displayName, role: invitations.role })
    .from(invitations)
    .where(and(eq(invitations.structureId, actor.structureId), eq(invitations.status, 'en_attente')))
    .orderBy(asc(invitations.createdAt));
}

export async function cancelInvitation({ tx, actor, now }: RequestContext, invitationId: string): Promise<MembershipChange> {
  const [row] = await tx
    .update(invitations)
    .set({ status: 'annulee', answeredAt: now })
    .where(and(eq(invitations.structureId, actor.structureId), eq(invitations.id, invitationId), eq(invitations.status, 'en_attente')))
    .returning({ id: invitations.id });
  if (!row) return { ok: false, error: 'invitation_introuvable' };
  await recordAudit(tx, actor, 'utilisateur.invitation_annulee', { type: 'invitation', id: row.id });
  return { ok: true };
}

async function structureName({ tx, actor }: RequestContext) {
  const [row] = await tx.select({ name: structures.name }).from(structures).where(eq(structures.id, actor.structureId));
  return row?.name;
}

export type MembershipChange = { ok: true } | { ok: false; error: 'interdit' | 'introuvable' | 'invitation_introuvable' };
export type RoleChange =
  { ok: true; displayName: string; from: Role | null; to: Role } | { ok: false; error: 'interdit' | 'introuvable' | 'role_partenaire' };

/** Change le rôle d'un agent ; rend qui, et de quel rôle à quel rôle, pour que la confirmation le dise. */
export async function changeRole({ tx, actor }: RequestContext, userId: string, role: Role): Promise<RoleChange> {
  if (!canChangeMembership(actor, userId)) return { ok: false, error: 'interdit' };
  const [member] = await tx
    .select({ role: memberships.role, displayName: users.displayName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.structureId, actor.structureId), eq(memberships.userId, userId)))
    .for('update', { of: memberships });
  if (!member) return { ok: false, error: 'introuvable' };
  const from = isRole(member.role) ? member.role : null;
  if (!roleChangeAllowed(from, role)) return { ok: false, error: 'role_partenaire' };
  await tx
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.structureId, actor.structureId), eq(memberships.userId, userId)));
  await recordAudit(tx, actor, 'utilisateur.role_modifie', { type: 'utilisateur', id: userId }, { role, avant: from });
  return { ok: true, displayName: member.displayName, from, to: role };
}

export type AccessChange = { ok: true; displayName: string } | { ok: false; error: 'interdit' | 'introuvable' };

/** Désactiver retire l'accès à la structure dès la requête suivante de l'agent, sans rien effacer. */
export async function setAccess(
  { tx, actor, now }: RequestContext,
  userId: string,
  access: 'desactiver' | 'reactiver',
): Promise<AccessChange> {
  if (!canChangeMembership(actor, userId)) return { ok: false, error: 'interdit' };
  const [row] = await tx
    .update(memberships)
    .set({ disabledAt: access === 'desactiver' ? now : null })
    .where(and(eq(memberships.structureId, actor.structureId), eq(memberships.userId, userId)))
    .returning();
  if (!row) return { ok: false, error: 'introuvable' };
  const [user] = await tx.select({ displayName: users.displayName }).from(users).where(eq(users.id, userId));
  await recordAudit(tx, actor, access === 'desactiver' ? 'utilisateur.desactive' : 'utilisateur.reactive', {
    type: 'utilisateur',
    id: userId,
  });
  return { ok: true, displayName: user?.displayName ?? '' };
}
