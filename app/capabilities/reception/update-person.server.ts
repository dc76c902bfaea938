// Modifier la fiche d'une personne : coordonnées, comptes détenus (oui / non / ne sait pas), commune officielle.
import { and, eq } from 'drizzle-orm';
import { persons } from './schema';
import { recordAudit } from '../../platform/audit.server';
import { searchKey } from '../../platform/text';
import { resolveCommune } from './communes.server';
import type { PersonInput } from './rules';
import { ACCOUNT_KINDS } from './vocabulary';
import type { RequestContext } from '../../platform/request.server';

export type UpdateResult =
  | { ok: true }
  | { ok: false; error: 'personne_introuvable' }
  | { ok: false; error: 'commune'; field: 'postalCode' | 'commune'; message: string };

export async function updatePerson({ actor, tx }: RequestContext, personId: string, input: PersonInput): Promise<UpdateResult> {
  const commune = resolveCommune(input.postalCode, input.commune);
  if (!commune.ok) return { ok: false, error: 'commune', field: commune.field, message: commune.message };
  const accounts = Object.fromEntries(
    Object.keys(ACCOUNT_KINDS).map((kind) => [kind, input[`compte_${kind}` as keyof PersonInput] as string]),
  );
  const [row] = await tx
    .update(persons)
    .set({
      firstName: input.firstName,
      lastName: input.lastName,
      searchName: searchKey(input.firstName, input.lastName),
      birthYear: input.birthYear,
      phone: input.phone,
      email: input.email,
      preferredContact: input.preferredContact,
      languages: input.languages,
      hasEmail: input.email ? 'oui' : input.hasEmail,
      accounts,
      postalCode: input.postalCode,
      communeInsee: commune.commune?.code ?? null,
      communeName: commune.commune?.nom ?? null,
    })
    .where(and(eq(persons.structureId, actor.structureId), eq(persons.id, personId)))
    .returning({ id: persons.id });
  if (!row) return { ok: false, error: 'personne_introuvable' };
  await recordAudit(tx, actor, 'personne.modifiee', { type: 'personne', id: personId });
  return { ok: true };
}

/** La fiche seule (sans l'historique), pour la modifier ; la lecture est tracée. */
export async function readPerson({ tx, actor }: RequestContext, personId: string) {
  const [person] = await tx
    .select()
    .from(persons)
    .where(and(eq(persons.structureId, actor.structureId), eq(persons.id, personId)));
  if (person) await recordAudit(tx, actor, 'personne.consultee', { type: 'personne', id: personId });
  return person ?? null;
}
