// Les invitations reçues par un agent qui a déjà un compte : il les voit après sa connexion, les accepte ou les refuse.
// Accepter crée son adhésion (politique memberships_acceptation : seulement depuis une invitation en attente faite à son
// adresse, au rôle proposé) ; la réponse est tracée dans le journal de la structure qui invitait.
import { and, asc, eq } from 'drizzle-orm';
import { invitations, memberships, structures } from '../../platform/schema';
import type { Tx } from '../../db/database.server';
import { applySettings } from '../../db/transaction.server';
import { recordAudit } from '../../platform/audit.server';
import { isRole, type Role } from '../../platform/policies';
import type { RequestScope } from '../../platform/request.server';
import type { SessionState } from '../../platform/session.server';

export interface ReceivedInvitation {
  id: string;
  structureId: string;
  structureName: string;
  role: Role;
}

export const invitationsFor = ({ tx }: RequestScope, state: SessionState) => pendingFor(tx, state.user.email);

/** Les invitations en attente faites à cette adresse (l'agent connecté : la RLS ne montre que les siennes). */
export async function pendingFor(tx: Tx, email: string): Promise<ReceivedInvitation[]> {
  const rows = await tx
    .select({ id: invitations.id, structureId: invitations.structureId, structureName: structures.name, role: invitations.role })
    .from(invitations)
    .innerJoin(structures, eq(structures.id, invitations.structureId))
    .where(and(eq(invitations.email, email), eq(invitations.status, 'en_attente')))
    .orderBy(asc(invitations.createdAt));
  return rows.flatMap((row) => (isRole(row.role) ? [{ ...row, role: row.role }] : []));
}

export type InvitationAnswer = 'accepter' | 'refuser';

export async function answerInvitation({ tx, now }: RequestScope, state: SessionState, invitationId: string, answer: InvitationAnswer) {
  const invitation = (await pendingFor(tx, state.user.email)).find((i) => i.id === invitationId);
  if (!invitation) return { ok: false as const, error: 'invitation_introuvable' as const };
  if (answer === 'accepter')
    await tx
      .insert(memberships)
      .values({ structureId: invitation.structureId, userId: state.user.id, role: invitation.role, createdAt: now })
      .onConflictDoNothing();
  await tx
    .update(invitations)
    .set({ status: answer === 'accepter' ? 'acceptee' : 'refusee', answeredAt: now })
    .where(and(eq(invitations.structureId, invitation.structureId), eq(invitations.id, invitation.id)));
  // Le journal appartient à la structure qui invitait : on y écrit, puis on revient à la structure active.
  await applySettings(tx, { structureId: invitation.structureId });
  await recordAudit(
    tx,
    { structureId: invitation.structureId, userId: state.user.id },
    answer === 'accepter' ? 'utilisateur.invitation_acceptee' : 'utilisateur.invitation_refusee',
    { type: 'invitation', id: invitation.id },
  );
  await applySettings(tx, { structureId: state.active?.structureId ?? null });
  return { ok: true as const, invitation };
}
