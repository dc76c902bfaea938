// Les motifs de rendez-vous de la démonstration (issue 22) : ceux d'un CCAS qui planifie ses accompagnements longs.
import { count, eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { appointmentMotifs } from '../appointments/schema';

type DemoMotif = Omit<typeof appointmentMotifs.$inferInsert, 'structureId'>;

const MOTIFS: Record<string, DemoMotif[]> = {
  alpha: [
    {
      name: 'Déclarer ses revenus en ligne',
      durationMinutes: 45,
      locationType: 'sur_place',
      bookableBy: 'habitants',
      organisation: 'dgfip',
      instructions: 'Apportez votre dernier avis d’impôt et votre téléphone. Jamais votre mot de passe écrit.',
    },
    {
      name: 'Démarches CAF',
      durationMinutes: 30,
      locationType: 'sur_place',
      bookableBy: 'habitants',
      organisation: 'caf',
      instructions: 'Apportez votre numéro d’allocataire et vos derniers justificatifs de ressources.',
    },
    {
      name: 'Créer et utiliser son adresse e-mail',
      durationMinutes: 60,
      locationType: 'sur_place',
      bookableBy: 'agents',
      organisation: null,
    },
    { name: 'Point téléphonique après une orientation', durationMinutes: 20, locationType: 'telephone', bookableBy: 'partenaires' },
  ],
  beta: [
    { name: 'Premier accompagnement numérique', durationMinutes: 45, locationType: 'sur_place', bookableBy: 'habitants' },
    {
      name: 'Dossier France Travail',
      durationMinutes: 30,
      locationType: 'sur_place',
      bookableBy: 'agents',
      organisation: 'france_travail',
    },
  ],
};

export async function writeDemoMotifs(tx: Tx, structureId: string, slug: string) {
  const [existing] = await tx.select({ n: count() }).from(appointmentMotifs).where(eq(appointmentMotifs.structureId, structureId));
  if ((existing?.n ?? 0) > 0) return;
  const motifs = MOTIFS[slug] ?? [];
  if (motifs.length) await tx.insert(appointmentMotifs).values(motifs.map((m) => ({ ...m, structureId })));
}
