// Les routes de app/routes.ts, jouées sur le petit jeu de démonstration : chaque paramètre d'adresse remplacé par une
// donnée d'Alpha, une session prête pour chaque rôle (et pour un médiateur de Beta). Partagé par les tests qui
// couvrent toutes les routes sans entretien (matrice des rôles, saisies hostiles).
import { workshopSessions } from '../app/capabilities/workshops/schema';
import { and, eq, gt, isNotNull, isNull } from 'drizzle-orm';
import { addHours } from 'date-fns';
import { cancelUrl } from '../app/capabilities/appointments/notifications.server';
import routes from '../app/routes';
import { agentCookie, residentCookie, startApp, type TestApp } from './app';
import { DEMO_ACCOUNTS, seedDemo } from '../app/capabilities/demo/seed-demo.server';
import { signLink } from '../app/platform/signed-link.server';
import { diagnoses, planSteps } from '../app/capabilities/diagnosis/schema';
import { places } from '../app/capabilities/directory/schema';
import { mandates } from '../app/capabilities/mandates/schema';
import { memberships, structures, users } from '../app/platform/schema';
import { persons } from '../app/capabilities/reception/schema';
import { vaultDocuments, vaultShares } from '../app/capabilities/vault/schema';
import { appointments } from '../app/capabilities/appointments/schema';
import { openVault, storeDocument, vaultIsOpen } from '../app/capabilities/vault/vault.server';
import { PDFDocument } from 'pdf-lib';
import { residentSpaces } from '../app/capabilities/portal/schema';
import { referralHandoffs, referralLinks, referrals } from '../app/capabilities/referrals/schema';
import { operatorTransaction } from '../app/db/transaction.server';
import type { Role } from '../app/platform/policies';
import type { TestServices } from './database';

export type Column = Role | 'anonyme' | 'autre_structure' | 'habitant';
export const ROLES_IN_ORDER: readonly Role[] = [
  'accueil',
  'mediateur',
  'travailleur_social',
  'responsable',
  'administrateur',
  'partenaire',
];

/** Les chemins de app/routes.ts (« / » pour l'index), avec le fichier de chaque route. */
export function routeEntries(): Array<{ path: string; file: string }> {
  return (routes as Array<{ path?: string; index?: boolean; file: string }>).map((entry) => ({
    path: entry.index ? '/' : `/${entry.path}`,
    file: entry.file,
  }));
}
export const routePaths = () => routeEntries().map((entry) => entry.path);

export interface DemoRoutes {
  app: TestApp;
  /** Le chemin concret d'une route (paramètres remplacés par des données d'Alpha). */
  concrete: (path: string) => string;
  /** L'en-tête Cookie d'une session par colonne (null : sans session). */
  cookies: Map<Column, string | null>;
  /** De quoi ouvrir une nouvelle session d'un rôle (une déconnexion ferme la précédente). */
  freshCookie: (column: Column) => Promise<string | null>;
  /** Des identifiants de Beta, pour essayer d'atteindre les données d'une autre structure. */
  betaIds: string[];
}

export async function prepareDemoRoutes(services: TestServices): Promise<DemoRoutes> {
  await seedDemo(services.database, {
    small: true,
    today: services.now(),
    links: { masterKey: services.masterKey, rootKey: services.rootKey, config: services.config },
    files: services.files,
  });
  const app = await startApp(services);
  const ids = await operatorTransaction(services.database, async (tx) => {
    const [alpha] = await tx.select().from(structures).where(eq(structures.slug, 'alpha'));
    const [beta] = await tx.select().from(structures).where(eq(structures.slug, 'beta'));
    const alphaId = alpha!.id;
    const [diagnosis] = await tx.select().from(diagnoses).where(eq(diagnoses.structureId, alphaId)).limit(1);
    const [step] = await tx.select().from(planSteps).where(eq(planSteps.personId, diagnosis!.personId)).limit(1);
    const [mandate] = await tx.select().from(mandates).where(eq(mandates.structureId, alphaId)).limit(1);
    const [place] = await tx.select().from(places).where(eq(places.structureId, alphaId)).limit(1);
    const [referral] = await tx.select().from(referrals).where(eq(referrals.structureId, alphaId)).limit(1);
    const [library] = await tx.select().from(structures).where(eq(structures.slug, 'mediatheque-alpha'));
    const [handoff] = await tx.select().from(referralHandoffs).where(eq(referralHandoffs.structureId, library!.id)).limit(1);
    const [link] = await tx.select().from(referralLinks).where(isNotNull(referralLinks.id)).limit(1);
    const [person] = await tx.select().from(persons).where(eq(persons.id, diagnosis!.personId));
    const [betaPerson] = await tx.select().from(persons).where(eq(persons.structureId, beta!.id)).limit(1);
    const [betaPlace] = await tx.select().from(places).where(eq(places.structureId, beta!.id)).limit(1);
    const members = await tx
      .select({ email: users.email, userId: users.id, structureId: memberships.structureId })
      .from(memberships)
      .innerJoin(users, and(eq(users.id, memberships.userId)));
    // L'habitant connecté (residentCookie : le premier espace ouvert d'Alpha) et ses propres mandat et orientation.
    const [space] = await tx
      .select()
      .from(residentSpaces)
      .where(and(eq(residentSpaces.structureId, alphaId), isNull(residentSpaces.closedAt)))
      .orderBy(residentSpaces.createdAt)
      .limit(1);
    const [ownMandate] = await tx.select().from(mandates).where(eq(mandates.personId, space!.personId)).limit(1);
    const [ownReferral] = await tx.select().from(referrals).where(eq(referrals.personId, space!.personId)).limit(1);
    // Un papier de l'habitant connecté (la démonstration range les siens chez la personne qui a une carte).
    const owner = { structureId: alphaId, personId: space!.personId };
    await openVault(tx, services.masterKey, owner, null, services.now());
    const ownPaper = await storeDocument(
      tx,
      services,
      owner,
      { kind: 'rib', issuedOn: null, expiresOn: null, fileName: 'rib.pdf' },
      { bytes: Buffer.from('%PDF-1.4 exemple'), contentType: 'application/pdf', pageCount: 1 },
      { userId: null, byPerson: true },
      services.now(),
    );
    const [share] = await tx.select().from(vaultShares).where(eq(vaultShares.structureId, alphaId)).limit(1);
    const [appointment] = await tx.select().from(appointments).where(eq(appointments.structureId, alphaId)).limit(1);
    const [session] = await tx.select().from(workshopSessions).where(eq(workshopSessions.structureId, alphaId)).limit(1);
    // Un rendez-vous prévu dans plus de 4 heures : son lien d'annulation vaut encore.
    const [upcoming] = await tx
      .select()
      .from(appointments)
      .where(
        and(
          eq(appointments.structureId, alphaId),
          eq(appointments.status, 'prevu'),
          gt(appointments.startsAt, addHours(services.now(), 5)),
        ),
      )
      .limit(1);
    // Un papier joint par la personne à l'orientation reçue par la médiathèque (partage en cours, à l'heure de la base).
    const [handed] = await tx
      .select()
      .from(referrals)
      .where(and(eq(referrals.structureId, alphaId), eq(referrals.id, handoff!.id)));
    const referred = { structureId: alphaId, personId: handed!.personId };
    if (!(await vaultIsOpen(tx, referred))) await openVault(tx, services.masterKey, referred, null, services.now());
    const joinedPdf = await PDFDocument.create();
    joinedPdf.addPage();
    const joined = await storeDocument(
      tx,
      services,
      referred,
      { kind: 'justificatif_domicile', issuedOn: null, expiresOn: null, fileName: 'quittance.pdf' },
      { bytes: Buffer.from(await joinedPdf.save()), contentType: 'application/pdf', pageCount: 1 },
      { userId: null, byPerson: true },
      services.now(),
    );
    await tx.insert(vaultShares).values({
      ...referred,
      documentIds: [joined],
      recipientKind: 'orientation',
      recipientName: library!.name,
      referralId: handoff!.id,
      recipientStructureId: library!.id,
      createdAt: new Date(),
      expiresAt: new Date(Date.now() + 7 * 86_400_000),
    });
    const own = { mandate: ownMandate!.id, referral: ownReferral!.id, paper: ownPaper };
    const [paper] = await tx
      .select()
      .from(vaultDocuments)
      .where(and(eq(vaultDocuments.structureId, alphaId), isNull(vaultDocuments.removedAt)))
      .limit(1);
    return {
      paper,
      person,
      diagnosis,
      step,
      mandate,
      place,
      referral,
      handoff,
      joined,
      appointment,
      session,
      spacePerson: space!.personId,
      upcoming,
      link,
      share,
      members,
      own,
      betaIds: [betaPerson!.id, betaPlace!.id],
    };
  });
  const token = signLink(services.rootKey, 'relais:lien-orientation:v1', ids.link!.id, ids.link!.expiresAt);
  const shareToken = signLink(services.rootKey, 'relais:partage-coffre:v1', ids.share!.id, ids.share!.expiresAt);
  const concrete = (path: string) =>
    path
      .replace('/mon-espace/mes-donnees/:fichier', '/mon-espace/mes-donnees/mes-donnees.json')
      .replace('/mon-espace/mandats/:id', `/mon-espace/mandats/${ids.own.mandate}`)
      .replace('/mon-espace/orientations/:id', `/mon-espace/orientations/${ids.own.referral}`)
      .replace('/mon-espace/papiers/:id', `/mon-espace/papiers/${ids.own.paper}`)
      .replace('/partage/:jeton/:document', `/partage/${encodeURIComponent(shareToken)}/${ids.share!.documentIds[0]}`)
      .replace('/partage/:jeton', `/partage/${encodeURIComponent(shareToken)}`)
      .replace('/personnes/:id/coffre/:document/fichier', `/personnes/${ids.paper!.personId}/coffre/${ids.paper!.id}/fichier`)
      .replace('/personnes/:id/coffre/:document', `/personnes/${ids.paper!.personId}/coffre/${ids.paper!.id}`)
      .replace('/personnes/:id/coffre', `/personnes/${ids.paper!.personId}/coffre`)
      .replace('/personnes/:id/ateliers/attestation.pdf', `/personnes/${ids.spacePerson}/ateliers/attestation.pdf`)
      .replace('/personnes/:id', `/personnes/${ids.person!.id}`)
      .replace(':etape', ids.step!.id)
      .replace('/mandats/:id', `/mandats/${ids.mandate!.id}`)
      .replace('/lieux/export/:fichier', '/lieux/export/lieux.csv')
      .replace('/lieux/:id', `/lieux/${ids.place!.id}`)
      .replace('/orientations/recues/:id/papiers/:document', `/orientations/recues/${ids.handoff!.id}/papiers/${ids.joined}`)
      .replace('/orientations/recues/:id', `/orientations/recues/${ids.handoff!.id}`)
      .replace('/orientations/:id', `/orientations/${ids.referral!.id}`)
      .replace('/rendez-vous/annuler/:jeton', new URL(cancelUrl(services, ids.upcoming!.id, ids.upcoming!.startsAt)).pathname)
      .replace(':jeton', encodeURIComponent(token))
      .replace('/rendez-vous/:id', `/rendez-vous/${ids.appointment!.id}`)
      .replace('/ateliers/seances/:id', `/ateliers/seances/${ids.session!.id}`)
      .replace('/ateliers/:id', `/ateliers/${ids.session!.workshopId}`)
      .replace('/diagnostics/:id', `/diagnostics/${ids.diagnosis!.id}`)
      .replace('/pilotage/export/:fichier', '/pilotage/export/indicateurs.csv')
      .replace('/pilotage/rapport-annuel/:fichier', `/pilotage/rapport-annuel/${services.now().getFullYear() - 1}.pdf`)
      .replace('/donnees-ouvertes/:fichier', '/donnees-ouvertes/alpha.csv')
      .replace('/*', '/cette-page-n-existe-pas');
  const emailOf = (column: Column) =>
    column === 'autre_structure' ? 'mediation@beta.test' : DEMO_ACCOUNTS.find((a) => a.role === column && a.structure !== 'beta')!.email;
  const freshCookie = async (column: Column) => {
    if (column === 'anonyme') return null;
    // Un habitant d'Alpha connecté à son espace (portail) : aucune session d'agent.
    if (column === 'habitant') return (await residentCookie(services, ids.person!.structureId)).cookie;
    const member = ids.members.find((m) => m.email === emailOf(column))!;
    return agentCookie(services, member);
  };
  const cookies = new Map<Column, string | null>();
  for (const column of [...ROLES_IN_ORDER, 'autre_structure', 'anonyme', 'habitant'] as Column[])
    cookies.set(column, await freshCookie(column));
  return { app, concrete, cookies, freshCookie, betaIds: ids.betaIds };
}
