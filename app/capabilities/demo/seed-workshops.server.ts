// Les ateliers de la démonstration (issue 23) : le catalogue d'un CCAS qui rend les habitants autonomes (e-mail,
// smartphone, impots.gouv, ameli, France Travail, sécurité en ligne…) ; un an de séances passées, toutes les deux à
// quatre semaines, avec des présences réalistes (quelques absents et excusés) ; les séances des quatre prochaines
// semaines, dont une complète avec sa liste d'attente, et les étapes « atelier collectif » des plans qui y mènent.
import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { addDays, localDateTime, localDay } from '../../platform/time';
import { planSteps } from '../diagnosis/schema';
import { residentSpaces } from '../portal/schema';
import { persons } from '../reception/schema';
import { receptionSitesIn } from '../reception/sites.server';
import { workshopRegistrations, workshopSessions, workshops } from '../workshops/schema';
import type { RegistrationStatus } from '../workshops/vocabulary';
import { random } from './story';

type DemoWorkshop = Omit<typeof workshops.$inferInsert, 'structureId'>;

const CATALOGUE: Record<string, DemoWorkshop[]> = {
  alpha: [
    {
      title: 'Créer et utiliser son adresse e-mail',
      theme: 'email',
      skills: ['messagerie', 'saisie'],
      level: 'debutant',
      description: 'Vous créez votre adresse e-mail. Vous apprenez à lire et à envoyer un message.',
      durationMinutes: 120,
      toBring: 'Votre téléphone, chargé.',
    },
    {
      title: 'Bien utiliser son smartphone',
      theme: 'prendre_en_main_du_materiel',
      skills: ['appareil', 'application'],
      level: 'debutant',
      description: 'Vous apprenez à allumer, régler et utiliser votre téléphone. Vous installez une application.',
      durationMinutes: 120,
      toBring: 'Votre téléphone, chargé.',
      cycleLength: 3,
    },
    {
      title: 'Déclarer ses revenus sur impots.gouv',
      theme: 'navigation_sur_internet',
      skills: ['formulaire', 'navigation'],
      level: 'intermediaire',
      description: 'Vous ouvrez votre espace sur impots.gouv. Vous déclarez vos revenus avec de l’aide.',
      durationMinutes: 120,
      toBring: 'Votre dernier avis d’impôt et votre numéro fiscal. Jamais votre mot de passe écrit.',
      prerequisites: 'Avoir une adresse e-mail.',
    },
    {
      title: 'Mon compte ameli',
      theme: 'sante',
      skills: ['navigation', 'pdf'],
      level: 'intermediaire',
      description: 'Vous ouvrez votre compte ameli. Vous téléchargez une attestation.',
      durationMinutes: 90,
      toBring: 'Votre carte Vitale et votre téléphone.',
      prerequisites: 'Avoir une adresse e-mail.',
    },
    {
      title: 'Mon espace France Travail',
      theme: 'insertion_professionnelle',
      skills: ['formulaire', 'documents'],
      level: 'intermediaire',
      description: 'Vous allez sur votre espace France Travail. Vous envoyez un document.',
      durationMinutes: 90,
      toBring: 'Votre identifiant France Travail et votre CV si vous en avez un.',
    },
    {
      title: 'Sécurité en ligne : repérer les arnaques',
      theme: 'securite_numerique',
      skills: ['arnaques', 'mots_de_passe'],
      level: 'debutant',
      description: 'Vous apprenez à reconnaître un faux message. Vous gardez vos mots de passe secrets.',
      durationMinutes: 90,
    },
    {
      title: 'Scanner et envoyer un document avec son téléphone',
      theme: 'gere_ses_contenus_numeriques',
      skills: ['documents', 'pdf'],
      level: 'debutant',
      description: 'Vous prenez un papier en photo. Vous l’envoyez sur un site.',
      durationMinutes: 90,
      toBring: 'Votre téléphone et un papier à envoyer.',
    },
    {
      title: 'Appeler en vidéo ses proches',
      theme: 'reseaux_sociaux',
      skills: ['visio', 'application'],
      level: 'debutant',
      description: 'Vous appelez quelqu’un en vidéo avec votre téléphone.',
      durationMinutes: 60,
      toBring: 'Votre téléphone, chargé.',
    },
    {
      title: 'Mon compte CAF en ligne',
      theme: 'navigation_sur_internet',
      skills: ['formulaire', 'navigation'],
      level: 'intermediaire',
      description: 'Vous allez sur votre compte CAF. Vous faites votre déclaration trimestrielle.',
      durationMinutes: 90,
      toBring: 'Votre numéro d’allocataire.',
    },
    {
      title: 'Premiers pas sur l’ordinateur',
      theme: 'prendre_en_main_du_materiel',
      skills: ['appareil', 'saisie'],
      level: 'debutant',
      description: 'Vous utilisez la souris et le clavier. Vous allez sur un site internet.',
      durationMinutes: 120,
      cycleLength: 4,
    },
  ],
  beta: [
    {
      title: 'Découvrir internet',
      theme: 'navigation_sur_internet',
      skills: ['navigation'],
      level: 'debutant',
      description: 'Vous allez sur internet. Vous cherchez une information.',
      durationMinutes: 90,
    },
    {
      title: 'Mon espace France Travail',
      theme: 'insertion_professionnelle',
      skills: ['formulaire'],
      level: 'intermediaire',
      description: 'Vous allez sur votre espace France Travail.',
      durationMinutes: 90,
    },
  ],
};

export async function workshopsSeeded(tx: Tx, structureId: string) {
  const [row] = await tx.select({ n: count() }).from(workshops).where(eq(workshops.structureId, structureId));
  return (row?.n ?? 0) > 0;
}

/** Le catalogue, un an de séances passées (`small` : deux mois) et quatre semaines à venir (voir l'en-tête). */
export async function writeDemoWorkshops(
  tx: Tx,
  structureId: string,
  slug: string,
  mediatorIds: string[],
  today: Date,
  { seed, small }: { seed: number; small: boolean },
) {
  const catalogue = CATALOGUE[slug] ?? [];
  const sites = await receptionSitesIn(tx, structureId);
  if (catalogue.length === 0 || sites.length === 0) return;
  const created = await tx
    .insert(workshops)
    .values(catalogue.map((w) => ({ ...w, structureId, createdBy: mediatorIds[0] })))
    .returning();
  const people = await tx
    .select({ id: persons.id })
    .from(persons)
    .where(and(eq(persons.structureId, structureId), isNull(persons.anonymisedAt)))
    .orderBy(persons.createdAt)
    .limit(300);
  if (people.length === 0) return;
  const rand = random(seed);
  const pick = (n: number) => {
    const chosen = new Set<string>();
    while (chosen.size < Math.min(n, people.length)) chosen.add(people[Math.floor(rand() * people.length)]!.id);
    return [...chosen];
  };
  const day = localDay(today);
  const firstDay = addDays(day, small ? -56 : -364);
  const registrations: Array<typeof workshopRegistrations.$inferInsert> = [];
  const upcoming: Array<{ id: string; capacity: number; startsAt: Date }> = [];
  /** Les séances passées et leur capacité. */
  const past = new Map<string, number>();
  for (const [index, workshop] of created.entries()) {
    // Chaque atelier revient toutes les 2 à 4 semaines, un jour de semaine, à 14 h (10 h pour un sur deux).
    const every = 14 + 7 * (index % 3);
    const weekday = index % 5;
    const hour = index % 2 === 0 ? '14:00' : '10:00';
    const start = addDays(firstDay, weekday + (index % 7));
    for (let on = start; on <= addDays(day, 28); on = addDays(on, every)) {
      const startsAt = localDateTime(`${on}T${hour}`);
      const capacity = index % 4 === 0 ? 6 : 8 + (index % 3) * 2;
      const [session] = await tx
        .insert(workshopSessions)
        .values({
          structureId,
          workshopId: workshop.id,
          placeId: sites[index % sites.length]!.id,
          startsAt,
          endsAt: new Date(startsAt.getTime() + workshop.durationMinutes * 60_000),
          capacity,
          facilitatorId: mediatorIds[index % mediatorIds.length]!,
          createdBy: mediatorIds[0],
          createdAt: new Date(startsAt.getTime() - 30 * 86_400_000),
        })
        .returning();
      if (on >= day) {
        upcoming.push({ id: session!.id, capacity, startsAt });
        continue;
      }
      past.set(session!.id, capacity);
      // Une séance passée : entre la moitié et toutes les places prises ; 1 sur 8 absent, 1 sur 12 excusé.
      const taken = Math.max(2, Math.round(capacity * (0.5 + rand() * 0.5)));
      for (const personId of pick(taken)) {
        const roll = rand();
        const status: RegistrationStatus = roll < 0.125 ? 'absent' : roll < 0.2 ? 'excuse' : 'present';
        registrations.push({
          structureId,
          sessionId: session!.id,
          personId,
          status,
          via: 'agent',
          registeredBy: mediatorIds[0],
          statusAt: new Date(startsAt.getTime() + 3_600_000),
          statusBy: mediatorIds[index % mediatorIds.length],
          createdAt: new Date(startsAt.getTime() - (3 + Math.floor(rand() * 20)) * 86_400_000),
        });
      }
    }
  }
  // À venir : la première séance est complète avec trois personnes en attente ; les autres, à moitié remplies.
  const steps = await tx
    .select({ id: planSteps.id, personId: planSteps.personId })
    .from(planSteps)
    .where(and(eq(planSteps.structureId, structureId), eq(planSteps.kind, 'atelier_collectif'), eq(planSteps.status, 'a_faire')));
  upcoming.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  for (const [index, session] of upcoming.entries()) {
    const full = index === 0;
    const chosen = pick(full ? session.capacity + 3 : Math.floor(session.capacity / 2));
    for (const [rank, personId] of chosen.entries()) {
      const step = index === 1 ? steps.find((s) => s.personId === personId) : undefined;
      registrations.push({
        structureId,
        sessionId: session.id,
        personId,
        status: rank < session.capacity ? 'inscrit' : 'attente',
        via: 'agent',
        registeredBy: mediatorIds[0],
        planStepId: step?.id ?? null,
        statusAt: new Date(today.getTime() - (10 - rank) * 3_600_000),
        createdAt: new Date(today.getTime() - (10 - rank) * 3_600_000),
      });
    }
  }
  // Une étape « atelier collectif » d'un plan mène à une séance à venir : la personne y est inscrite depuis son plan.
  const next = upcoming[1];
  const step = steps.find((s) => !registrations.some((r) => r.sessionId === next?.id && r.personId === s.personId));
  if (next && step)
    registrations.push({
      structureId,
      sessionId: next.id,
      personId: step.personId,
      status: 'inscrit',
      via: 'agent',
      registeredBy: mediatorIds[0],
      planStepId: step.id,
      createdAt: today,
    });
  // Les personnes qui ont un espace sont venues à un atelier passé : leur attestation se télécharge.
  const spaces = await tx
    .select({ personId: residentSpaces.personId })
    .from(residentSpaces)
    .where(and(eq(residentSpaces.structureId, structureId), isNull(residentSpaces.closedAt)));
  for (const { personId } of spaces) {
    const taken = new Map<string, number>();
    for (const r of registrations) if (past.has(r.sessionId)) taken.set(r.sessionId, (taken.get(r.sessionId) ?? 0) + 1);
    const open = [...past.entries()].find(
      ([id, capacity]) => (taken.get(id) ?? 0) < capacity && !registrations.some((r) => r.sessionId === id && r.personId === personId),
    );
    if (open)
      registrations.push({ structureId, sessionId: open[0], personId, status: 'present', via: 'agent', registeredBy: mediatorIds[0] });
  }
  for (let i = 0; i < registrations.length; i += 500) await tx.insert(workshopRegistrations).values(registrations.slice(i, i + 500));
  // Comme à la présence notée dans l'application : aidée une à une avant la séance ?
  await tx.execute(sql`update workshop_registrations r set after_individual_help = true
    from workshop_sessions ws
    where r.structure_id = ${structureId} and ws.structure_id = r.structure_id and ws.id = r.session_id and r.status = 'present'
      and exists (select 1 from solicitations s
        where s.structure_id = r.structure_id and s.person_id = r.person_id and s.occurred_at < ws.starts_at)`);
  const linked = registrations.flatMap((r) => (r.planStepId ? [r.planStepId] : []));
  if (linked.length)
    await tx
      .update(planSteps)
      .set({ status: 'en_cours', statusAt: today })
      .where(and(eq(planSteps.structureId, structureId), inArray(planSteps.id, linked)));
}
