// Constructeurs partagés par le jeu de démonstration, la CLI et les tests : ils racontent la même histoire.
// Ils s'exécutent dans une transaction d'exploitant (operatorTransaction), hors RLS.
import { and, eq } from 'drizzle-orm';
import { hashPassword } from '../platform/password.server';
import type { Role } from '../platform/policies';
import type { Tx } from './database.server';
import { memberships, structures, users } from '../platform/schema';

export interface StructureInput {
  slug: string;
  name: string;
  typology?: string | null;
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
}

/** Crée la structure, ou renvoie celle qui porte déjà ce slug. */
export async function makeStructure(tx: Tx, input: StructureInput) {
  const created = await tx.insert(structures).values(input).onConflictDoNothing({ target: structures.slug }).returning();
  const [row] = created.length ? created : await tx.select().from(structures).where(eq(structures.slug, input.slug));
  if (!row) throw new Error(`Structure ${input.slug} non créée`);
  return { ...row, createdNow: created.length > 0 };
}

export interface UserInput {
  email: string;
  displayName: string;
  password?: string;
  isDemo?: boolean;
}

/** Crée le compte, ou renvoie celui qui porte déjà cet e-mail (sans toucher à son mot de passe). */
export async function makeUser(tx: Tx, input: UserInput) {
  const [existing] = await tx.select().from(users).where(eq(users.email, input.email));
  if (existing) return existing;
  const [row] = await tx
    .insert(users)
    .values({
      email: input.email,
      displayName: input.displayName,
      passwordHash: input.password ? await hashPassword(input.password) : null,
      isDemo: input.isDemo ?? false,
    })
    .returning();
  if (!row) throw new Error(`Compte ${input.email} non créé`);
  return row;
}

export async function addMembership(tx: Tx, input: { structureId: string; userId: string; role: Role }) {
  await tx.insert(memberships).values(input).onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.structureId, input.structureId), eq(memberships.userId, input.userId)));
  return row!;
}
