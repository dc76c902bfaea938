// Le jeu de démonstration d'Alpha (docs/architecture.md). Idempotent : le relancer ne duplique rien.
// Les issues suivantes prolongent l'histoire (sollicitations sur 4 ans, lieux, ateliers…).
import { workshopsSeeded, writeDemoWorkshops } from './seed-workshops.server';
import { appointmentsSeeded, writeDemoAppointments, writeDemoMotifs } from './seed-appointments.server';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localStorage, type FileStorage } from '../../platform/file-storage.server';
import { vaultSeeded, writeDemoVault } from './seed-vault.server';
import { enqueueJob } from '../../platform/jobs/jobs.server';
import { periodicKey } from '../../platform/jobs/rules';
import { referralFollowUpJob } from '../referrals/follow-up.server';
import type { LinkContext } from '../referrals/partner-links.server';
import { count, eq } from 'drizzle-orm';
import type { Database } from '../../db/database.server';
import { addMembership, makeStructure, makeUser } from '../../db/builders.server';
import { demoPartnerPairs } from './places';
import { invitations, partnerships, structures, users } from '../../platform/schema';
import { localOrganisations } from '../reception/schema';
import { annualReports } from '../steering/schema';
import { operatorTransaction } from '../../db/transaction.server';
import { recordAudit } from '../../platform/audit.server';
import type { Role } from '../../platform/policies';
import { mandatesSeeded, writeDemoMandates } from './seed-mandates.server';
import { writeDemoPlaces } from './seed-places.server';
import { referralsSeeded, writeDemoReferrals } from './seed-referrals.server';
import { diagnosesSeeded, writeDemoDiagnoses } from './seed-diagnoses.server';
import {
  spacesSeeded,
  writeDemoCard,
  writeDemoIdentities,
  writeDemoRequests,
  writeDemoSelfAssessment,
  writeDemoSignIns,
  writeDemoSpaces,
} from './seed-spaces.server';
import { structureHasStory, writeStory } from './seed-story.server';
import { ALPHA_PLAN, BETA_PLAN, type StoryPlan } from './story';

export const DEMO_PASSWORD = 'relais-demo';

export const DEMO_STRUCTURES = [
  { slug: 'alpha', name: "CCAS d'Alpha", typology: 'CCAS', street: "1 place de l'Hôtel de Ville", postalCode: '37000', city: 'Alpha' },
  { slug: 'beta', name: 'CCAS de Beta', typology: 'CCAS', street: '12 rue de la République', postalCode: '44000', city: 'Beta' },
  {
    slug: 'mediatheque-alpha',
    name: "Médiathèque d'Alpha",
    typology: 'BIB',
    street: '5 allée des Lettres',
    postalCode: '37000',
    city: 'Alpha',
  },
] as const;

export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; displayName: string; structure: string; role: Role }> = [
  { email: 'accueil@alpha.test', displayName: 'Nadia Benali', structure: 'alpha', role: 'accueil' },
  { email: 'mediation@alpha.test', displayName: 'Julien Moreau', structure: 'alpha', role: 'mediateur' },
  { email: 'karim.haddad@alpha.test', displayName: 'Karim Haddad', structure: 'alpha', role: 'mediateur' },
  { email: 'lucie.girard@alpha.test', displayName: 'Lucie Girard', structure: 'alpha', role: 'mediateur' },
  { email: 'social@alpha.test', displayName: 'Claire Fontaine', structure: 'alpha', role: 'travailleur_social' },
  { email: 'direction@alpha.test', displayName: 'Sophie Lambert', structure: 'alpha', role: 'responsable' },
  { email: 'admin@alpha.test', displayName: 'Marc Dubois', structure: 'alpha', role: 'administrateur' },
  { email: 'accueil@beta.test', displayName: 'Amina Diallo', structure: 'beta', role: 'accueil' },
  { email: 'mediation@beta.test', displayName: 'Thomas Leroy', structure: 'beta', role: 'mediateur' },
  { email: 'partenaire@mediatheque-alpha.test', displayName: 'Hélène Petit', structure: 'mediatheque-alpha', role: 'partenaire' },
];

/** Les organismes de leur territoire que les structures de démonstration ont ajoutés à la liste nationale. */
const DEMO_LOCAL_ORGANISATIONS = [
  { structure: 'alpha', code: 'local_mission_locale_d_alpha', label: "Mission locale d'Alpha", theme: 'travail_formation' },
  { structure: 'alpha', code: 'local_alpha_habitat', label: 'Alpha Habitat (office HLM)', theme: 'logement' },
  { structure: 'beta', code: 'local_regie_des_eaux_de_beta', label: 'Régie des eaux de Beta', theme: 'logement' },
] as const;

/** Le texte du responsable pour le rapport d'activité de l'an dernier. */
const ANNUAL_REPORT_TEXT =
  'La demande a encore fortement augmenté cette année, portée par les déclarations de revenus au printemps et les ' +
  'démarches de la CAF. Les médiateurs ont fait moins souvent « à la place » des personnes : les ateliers collectifs ' +
  "et l'accompagnement pas à pas portent leurs fruits. Pour tenir la charge, nous proposons au conseil " +
  "d'administration un quatrième poste de médiateur et des permanences partagées avec la médiathèque.";

/** Les médiateurs qui portent l'histoire de chaque structure, dans l'ordre du plan. */
export const STORIES = [
  {
    slug: 'alpha',
    plan: ALPHA_PLAN,
    mediators: ['mediation@alpha.test', 'karim.haddad@alpha.test', 'lucie.girard@alpha.test'],
    referrals: 60,
    diagnoses: 160,
  },
  { slug: 'beta', plan: BETA_PLAN, mediators: ['mediation@beta.test'], referrals: 8, diagnoses: 20 },
];

export interface SeedOptions {
  today?: Date;
  /** Une histoire cent fois plus courte, pour les tests qui n'ont besoin que de quelques lignes de chaque table. */
  small?: boolean;
  /**
   * Les clés de l'instance (la racine signe les liens et les empreintes du portail, la clé maîtresse enveloppe les
   * coffres) et l'adresse publique ; sans elles (tests), des clés jetables.
   */
  links?: Omit<LinkContext, 'now'> & { masterKey: Buffer };
  /** Où ranger les papiers chiffrés du coffre-fort ; sans lui (tests), un dossier temporaire. */
  files?: FileStorage;
}

export const DEMO_INVITATIONS = [
  {
    structure: 'alpha',
    by: 'admin@alpha.test',
    email: 'partenaire@mediatheque-alpha.test',
    displayName: 'Hélène Petit',
    role: 'partenaire',
  },
  { structure: 'beta', by: 'mediation@beta.test', email: 'karim.haddad@alpha.test', displayName: 'Karim Haddad', role: 'mediateur' },
] as const;

export async function seedDemo(
  database: Database,
  {
    today = new Date(),
    small = false,
    links = { masterKey: randomBytes(32), rootKey: randomBytes(32), config: { publicUrl: 'http://localhost:3000' } },
    files = localStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'relais-demo-coffre-'))),
  }: SeedOptions = {},
) {
  await operatorTransaction(database, async (tx) => {
    const bySlug = new Map<string, string>();
    const byEmail = new Map<string, string>();
    for (const structure of DEMO_STRUCTURES) {
      const row = await makeStructure(tx, structure);
      bySlug.set(structure.slug, row.id);
      if (row.createdNow)
        await recordAudit(tx, { structureId: row.id, userId: null }, 'structure.creee', { type: 'structure', id: row.id });
    }
    for (const structure of DEMO_STRUCTURES) await writeDemoPlaces(tx, structure.slug, bySlug.get(structure.slug)!, bySlug);
    // Un lieu relié à une autre structure suppose leur partenariat accepté (sans quoi rien ne lui est transmis).
    for (const [slug, partner] of demoPartnerPairs())
      await tx
        .insert(partnerships)
        .values({ structureId: bySlug.get(slug)!, partnerId: bySlug.get(partner)!, status: 'acceptee', answeredAt: today })
        .onConflictDoNothing();
    for (const account of DEMO_ACCOUNTS) {
      const user = await makeUser(tx, { ...account, password: DEMO_PASSWORD, isDemo: true });
      byEmail.set(account.email, user.id);
      await addMembership(tx, { structureId: bySlug.get(account.structure)!, userId: user.id, role: account.role });
    }
    // Deux invitations en attente : la médiathèque invitée par Alpha, un médiateur d'Alpha invité par Beta.
    for (const invitation of DEMO_INVITATIONS)
      await tx
        .insert(invitations)
        .values({
          structureId: bySlug.get(invitation.structure)!,
          email: invitation.email,
          displayName: invitation.displayName,
          role: invitation.role,
          invitedBy: byEmail.get(invitation.by)!,
        })
        .onConflictDoNothing();
    for (const { structure, ...organisation } of DEMO_LOCAL_ORGANISATIONS)
      await tx
        .insert(localOrganisations)
        .values({ structureId: bySlug.get(structure)!, ...organisation })
        .onConflictDoNothing();
    for (const story of STORIES) {
      const structureId = bySlug.get(story.slug)!;
      if (await structureHasStory(tx, structureId)) continue;
      const plan = small ? shrink(story.plan) : story.plan;
      await writeStory(
        tx,
        structureId,
        plan,
        story.mediators.map((email) => byEmail.get(email)!),
        today,
      );
    }
    for (const story of STORIES) {
      const structureId = bySlug.get(story.slug)!;
      if (!(await mandatesSeeded(tx, structureId))) await writeDemoMandates(tx, structureId, today);
      await tx
        .insert(annualReports)
        .values({ structureId, year: today.getFullYear() - 1, text: ANNUAL_REPORT_TEXT })
        .onConflictDoNothing();
    }
    if (!(await referralsSeeded(tx, bySlug.get('alpha')!)))
      for (const story of STORIES) await writeDemoReferrals(tx, story.slug, bySlug, small ? 4 : story.referrals, today, links);
    for (const story of STORIES) {
      const structureId = bySlug.get(story.slug)!;
      if (!(await diagnosesSeeded(tx, structureId)))
        await writeDemoDiagnoses(tx, structureId, small ? 4 : story.diagnoses, today, story.plan.seed + 5);
      if (!(await spacesSeeded(tx, structureId))) {
        await writeDemoSpaces(tx, structureId, byEmail.get(story.mediators[0]!)!, today);
        await writeDemoSignIns(tx, structureId, today, links.rootKey);
        await writeDemoCard(tx, structureId, links.rootKey);
        await writeDemoRequests(tx, structureId, byEmail.get(story.mediators[0]!)!, today);
        await writeDemoSelfAssessment(tx, structureId, today);
        await writeDemoIdentities(tx, structureId, byEmail.get(story.mediators[0]!)!, today, links.rootKey);
      }
      if (!(await vaultSeeded(tx, structureId)))
        await writeDemoVault(tx, structureId, byEmail.get(story.mediators[0]!)!, today, { masterKey: links.masterKey, files });
      await writeDemoMotifs(tx, structureId, story.slug);
      if (!(await appointmentsSeeded(tx, structureId)))
        await writeDemoAppointments(
          tx,
          structureId,
          story.mediators.map((email) => byEmail.get(email)!),
          today,
          story.plan.seed + 22,
        );
      if (!(await workshopsSeeded(tx, structureId)))
        await writeDemoWorkshops(
          tx,
          structureId,
          story.slug,
          story.mediators.map((email) => byEmail.get(email)!),
          today,
          { seed: story.plan.seed + 23, small },
        );
    }
    // Le premier suivi des orientations est dû tout de suite : le worker le fera au premier tour.
    for (const story of STORIES) {
      const structureId = bySlug.get(story.slug)!;
      await enqueueJob(tx, structureId, {
        kind: referralFollowUpJob.kind,
        dedupeKey: periodicKey(referralFollowUpJob.kind, today, referralFollowUpJob.periodMs!),
        runAt: today,
      });
    }
  });
  // Après un chargement en masse, des statistiques à jour pour que le planificateur choisisse les bons index, et la
  // carte de visibilité pour les parcours d'index seuls du pilotage (PGlite n'a pas d'autovacuum).
  await database.exec('VACUUM ANALYZE');
}

export async function isDatabaseEmpty(database: Database) {
  return operatorTransaction(database, async (tx) => {
    const [row] = await tx.select({ n: count() }).from(structures);
    return (row?.n ?? 0) === 0;
  });
}

export async function countDemoAccounts(database: Database) {
  return operatorTransaction(database, async (tx) => {
    const [row] = await tx.select({ n: count() }).from(users).where(eq(users.isDemo, true));
    return row?.n ?? 0;
  });
}

const shrink = (plan: StoryPlan): StoryPlan => ({
  ...plan,
  yearly: plan.yearly.map((n) => Math.ceil(n / 100)),
  currentYearPace: Math.ceil(plan.currentYearPace / 100),
  persons: Math.ceil(plan.persons / 100),
});
