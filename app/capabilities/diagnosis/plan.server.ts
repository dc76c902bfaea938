// Le plan d'une personne et son parcours : les étapes retenues (proposées par un diagnostic ou ajoutées à la
// main), leur état, et la suite des diagnostics pour voir la progression.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { diagnoses, peerHelpers, planSteps } from './schema';
import { places } from '../directory/schema';
import { persons } from '../reception/schema';
import { recordAudit } from '../../platform/audit.server';
import type { Actor } from '../../platform/policies';
import { personLabel } from '../mandates/mandates.server';
import type { StepInput } from './rules';
import type { StepStatus } from './vocabulary';
import { diagnosisIn } from './diagnoses.server';
import { peerHelpersIn } from './peer-helpers.server';
import type { RequestContext } from '../../platform/request.server';

export type AcceptResult = { ok: true; personId: string } | { ok: false; error: 'introuvable' | 'deja_valide' | 'rien_choisi' };

/** Retient les étapes proposées que le médiateur a gardées ; un plan ne se valide qu'une fois par diagnostic. */
export async function acceptPlan({ tx, actor, now }: RequestContext, diagnosisId: string, keys: string[]): Promise<AcceptResult> {
  // Le verrou du diagnostic sérialise deux validations du même plan (deux onglets).
  const view = await diagnosisIn(tx, actor, diagnosisId, { lock: true });
  if (!view) return { ok: false, error: 'introuvable' };
  if (view.planAccepted) return { ok: false, error: 'deja_valide' };
  const chosen = view.suggestions.filter((s) => keys.includes(s.key));
  if (chosen.length === 0) return { ok: false, error: 'rien_choisi' };
  await tx.insert(planSteps).values(
    chosen.map((s) => ({
      structureId: actor.structureId,
      personId: view.person.id,
      diagnosisId,
      kind: s.kind,
      label: s.label,
      placeId: s.place?.id ?? null,
      helperPersonId: s.helper?.id ?? null,
      statusAt: now,
      createdAt: now,
      createdBy: actor.userId,
    })),
  );
  await recordAudit(tx, actor, 'plan.valide', { type: 'diagnostic', id: diagnosisId }, { etapes: chosen.length });
  return { ok: true, personId: view.person.id };
}

/** Ce que la synthèse imprimée lit : le diagnostic et les étapes du plan de la personne, en une transaction. */
export async function readSummary({ tx, actor }: RequestContext, diagnosisId: string) {
  const view = await diagnosisIn(tx, actor, diagnosisId);
  if (!view) return null;
  await recordAudit(tx, actor, 'diagnostic.consulte', { type: 'diagnostic', id: diagnosisId }, { pour: 'synthèse imprimée' });
  return { view, steps: await stepsOfPerson(tx, actor, view.person.id) };
}

export type StepResult = { ok: true } | { ok: false; field: 'placeId' | 'helperId' | 'formulaire'; message: string };

/** Le lieu doit être de l'annuaire (actif), le pair-aidant volontaire et autre que la personne. */
async function checkLinks(tx: Tx, actor: Actor, personId: string, input: Pick<StepInput, 'placeId' | 'helperId'>): Promise<StepResult> {
  if (input.placeId) {
    const [place] = await tx
      .select({ id: places.id })
      .from(places)
      .where(and(eq(places.structureId, actor.structureId), eq(places.id, input.placeId), eq(places.active, true)));
    if (!place) return { ok: false, field: 'placeId', message: 'Ce lieu n’est pas (ou plus) dans l’annuaire : choisissez-en un autre.' };
  }
  if (input.helperId) {
    const [helper] = await tx
      .select({ id: peerHelpers.personId })
      .from(peerHelpers)
      .where(and(eq(peerHelpers.structureId, actor.structureId), eq(peerHelpers.personId, input.helperId)));
    if (!helper || input.helperId === personId)
      return { ok: false, field: 'helperId', message: 'Choisissez un pair-aidant volontaire de la liste (autre que la personne).' };
  }
  return { ok: true };
}

/** Ajoute une étape à la main ; null si la personne n'est pas de la structure. */
export async function addStep({ tx, actor, now }: RequestContext, personId: string, input: StepInput): Promise<StepResult | null> {
  const [person] = await tx
    .select({ id: persons.id })
    .from(persons)
    .where(and(eq(persons.structureId, actor.structureId), eq(persons.id, personId)));
  if (!person) return null;
  const checked = await checkLinks(tx, actor, personId, input);
  if (!checked.ok) return checked;
  const [row] = await tx
    .insert(planSteps)
    .values({
      structureId: actor.structureId,
      personId,
      kind: input.kind,
      label: input.label,
      placeId: input.placeId,
      helperPersonId: input.helperId,
      dueOn: input.dueOn,
      statusAt: now,
      createdAt: now,
      createdBy: actor.userId,
    })
    .returning({ id: planSteps.id });
  await recordAudit(tx, actor, 'plan.etape_ajoutee', { type: 'etape', id: row!.id }, { personne: personId });
  return { ok: true };
}

/** Modifie une étape de la personne (type, intitulé, lieu, pair-aidant, date) ; null si elle n'est pas la sienne. */
export async function updateStep(
  { tx, actor }: RequestContext,
  personId: string,
  stepId: string,
  input: StepInput,
): Promise<StepResult | null> {
  const [step] = await tx
    .select({ id: planSteps.id })
    .from(planSteps)
    .where(and(eq(planSteps.structureId, actor.structureId), eq(planSteps.personId, personId), eq(planSteps.id, stepId)))
    .for('update');
  if (!step) return null;
  const checked = await checkLinks(tx, actor, personId, input);
  if (!checked.ok) return checked;
  const updated = await tx
    .update(planSteps)
    .set({ kind: input.kind, label: input.label, placeId: input.placeId, helperPersonId: input.helperId, dueOn: input.dueOn })
    .where(and(eq(planSteps.structureId, actor.structureId), eq(planSteps.personId, personId), eq(planSteps.id, stepId)))
    .returning({ id: planSteps.id });
  if (updated.length === 0) return null;
  await recordAudit(tx, actor, 'plan.etape_modifiee', { type: 'etape', id: stepId }, { personne: personId });
  return { ok: true };
}

/** Change l'état d'une étape de la personne ; false si l'étape n'est pas la sienne. */
export async function setStepStatus({ tx, actor, now }: RequestContext, personId: string, stepId: string, status: StepStatus) {
  const updated = await tx
    .update(planSteps)
    .set({ status, statusAt: now })
    .where(and(eq(planSteps.structureId, actor.structureId), eq(planSteps.personId, personId), eq(planSteps.id, stepId)))
    .returning({ id: planSteps.id });
  if (updated.length === 0) return false;
  await recordAudit(tx, actor, 'plan.etape_modifiee', { type: 'etape', id: stepId }, { etat: status });
  return true;
}

/** Les étapes du plan d'une personne, avec le lieu et le pair-aidant nommés. */
export async function stepsOfPerson(tx: Tx, actor: Actor, personId: string) {
  const rows = await tx
    .select({
      step: planSteps,
      placeName: places.name,
      placeCity: places.city,
      placeStreet: places.street,
      placePostalCode: places.postalCode,
      placeHours: places.openingHours,
      placePhone: places.phone,
    })
    .from(planSteps)
    .leftJoin(places, and(eq(places.structureId, planSteps.structureId), eq(places.id, planSteps.placeId)))
    .where(and(eq(planSteps.structureId, actor.structureId), eq(planSteps.personId, personId)))
    .orderBy(asc(planSteps.createdAt), asc(planSteps.label));
  const helperIds = [...new Set(rows.map((r) => r.step.helperPersonId).filter((id): id is string => Boolean(id)))];
  const helpers = helperIds.length
    ? await tx
        .select({ id: persons.id, firstName: persons.firstName, lastName: persons.lastName })
        .from(persons)
        .where(and(eq(persons.structureId, actor.structureId), inArray(persons.id, helperIds)))
    : [];
  return rows.map((r) => ({
    ...r.step,
    place: r.step.placeId
      ? {
          name: r.placeName!,
          city: r.placeCity!,
          street: r.placeStreet!,
          postalCode: r.placePostalCode!,
          openingHours: r.placeHours,
          phone: r.placePhone,
        }
      : null,
    // Le pair-aidant se présente par son prénom : le reste de sa fiche ne regarde pas la personne aidée.
    helperName: helpers.find((h) => h.id === r.step.helperPersonId)?.firstName ?? null,
  }));
}
export type PlanStep = Awaited<ReturnType<typeof stepsOfPerson>>[number];

/** Les diagnostics d'une personne, du plus ancien au plus récent. */
export const diagnosesOfPerson = (tx: Tx, actor: Actor, personId: string) =>
  tx
    .select()
    .from(diagnoses)
    .where(and(eq(diagnoses.structureId, actor.structureId), eq(diagnoses.personId, personId)))
    .orderBy(asc(diagnoses.createdAt));

/** Le parcours d'autonomie d'une personne : ses diagnostics, son plan, les lieux et pairs-aidants à proposer. */
export async function readJourney({ tx, actor }: RequestContext, personId: string) {
  const [person] = await tx
    .select()
    .from(persons)
    .where(and(eq(persons.structureId, actor.structureId), eq(persons.id, personId)));
  if (!person) return null;
  const history = await diagnosesOfPerson(tx, actor, personId);
  const steps = await stepsOfPerson(tx, actor, personId);
  const directory = await tx
    .select({ id: places.id, name: places.name, city: places.city })
    .from(places)
    .where(and(eq(places.structureId, actor.structureId), eq(places.active, true)))
    .orderBy(asc(places.name));
  const helpers = await peerHelpersIn(tx, actor.structureId, { excluding: personId });
  const [helper] = await tx
    .select()
    .from(peerHelpers)
    .where(and(eq(peerHelpers.structureId, actor.structureId), eq(peerHelpers.personId, personId)));
  await recordAudit(tx, actor, 'parcours.consulte', { type: 'personne', id: personId });
  return {
    person: { id: person.id, label: personLabel(person) },
    history,
    steps,
    places: directory,
    helpers: helpers.map((h) => ({ id: h.id, name: h.name, skills: h.skills })),
    isHelper: helper ?? null,
  };
}
