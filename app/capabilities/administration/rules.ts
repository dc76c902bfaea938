// Règles de l'administration d'une structure : schémas de formulaire (messages en français).
import { z } from 'zod';
import { emailField } from '../accounts/rules';
import { ROLES, type Role } from '../../platform/policies';
import { TYPOLOGY_LABELS } from './typologies';

const roleField = z.enum(ROLES, { error: 'Choisissez un rôle dans la liste.' });

export const inviteSchema = z.object({
  email: emailField,
  displayName: z
    .string({ error: 'Indiquez le prénom et le nom.' })
    .trim()
    .min(2, 'Indiquez le prénom et le nom.')
    .max(120, 'Le nom ne doit pas dépasser 120 caractères.'),
  role: roleField,
});

export const roleChangeSchema = z.object({ userId: z.uuid({ error: 'Agent inconnu.' }), role: roleField });

/**
 * « Partenaire » est le rôle d'une personne d'une autre structure, invitée à recevoir des orientations : un agent de
 * la structure ne le devient pas, et un partenaire ne devient pas agent de la structure par un simple changement.
 */
export const isPartnerRole = (role: Role | null) => role === 'partenaire';
export const roleChangeAllowed = (from: Role | null, to: Role) => isPartnerRole(from) === isPartnerRole(to);
/** Les rôles proposés pour un membre : ceux de son côté (agents de la structure, ou partenaire). */
export const rolesOfferedTo = (current: Role | null) => ROLES.filter((role) => roleChangeAllowed(current, role));

export const accessChangeSchema = z.object({
  userId: z.uuid({ error: 'Agent inconnu.' }),
  access: z.enum(['desactiver', 'reactiver'], { error: 'Action inconnue.' }),
});

export const invitationCancelSchema = z.object({ invitationId: z.uuid({ error: 'Invitation inconnue.' }) });

export const partnershipProposalSchema = z.object({ partner: z.uuid({ error: 'Choisissez une structure dans la liste.' }) });

export const partnershipAnswerSchema = z.object({
  partnershipId: z.uuid({ error: 'Partenariat inconnu.' }),
  answer: z.enum(['accepter', 'refuser', 'terminer'], { error: 'Action inconnue.' }),
});

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} ne doit pas dépasser ${max} caractères.`)
    .transform((v) => v || null);

export const structureSettingsSchema = z
  .object({
    name: z
      .string({ error: 'Indiquez le nom de la structure.' })
      .trim()
      .min(2, 'Indiquez le nom de la structure.')
      .max(150, 'Le nom ne doit pas dépasser 150 caractères.'),
    typology: z
      .string()
      .refine((v) => v === '' || v in TYPOLOGY_LABELS, 'Choisissez une typologie de la liste nationale.')
      .transform((v) => v || null),
    street: optionalText(200, "L'adresse"),
    postalCode: z
      .string()
      .trim()
      .refine((v) => v === '' || /^(?:0[1-9]|[1-8]\d|9[0-8])\d{3}$/.test(v), 'Le code postal comporte 5 chiffres, par exemple 75011.')
      .transform((v) => v || null),
    city: optionalText(100, 'La commune'),
    latitude: coordinate('latitude', 90),
    longitude: coordinate('longitude', 180),
    referralReminderDays: z.coerce
      .number({ error: 'Indiquez un nombre de jours, de 1 à 30.' })
      .int('Indiquez un nombre entier de jours, de 1 à 30.')
      .min(1, 'Indiquez un nombre de jours, de 1 à 30.')
      .max(30, 'Au-delà de 30 jours, une orientation sans réponse expire : indiquez 30 au plus.'),
    // Une case décochée n'est pas envoyée : absente, c'est « non » (z.unknown().transform refusait l'absence).
    showReaderNames: z.preprocess((value) => value === 'oui', z.boolean()),
  })
  .superRefine((settings, ctx) => {
    if ((settings.latitude === null) !== (settings.longitude === null))
      ctx.addIssue({
        code: 'custom',
        path: [settings.latitude === null ? 'latitude' : 'longitude'],
        message: 'Latitude et longitude vont ensemble : indiquez les deux, ou aucune.',
      });
  });

/** Coordonnée facultative en degrés décimaux, point ou virgule acceptés. */
function coordinate(name: 'latitude' | 'longitude', bound: number) {
  const label = name === 'latitude' ? 'La latitude' : 'La longitude';
  return z
    .string()
    .trim()
    .transform((v) => v.replace(',', '.'))
    .refine(
      (v) => v === '' || (/^-?\d+(\.\d+)?$/.test(v) && Math.abs(Number(v)) <= bound),
      `${label} s'écrit en degrés décimaux, entre -${bound} et ${bound} (ex. ${name === 'latitude' ? '47.3941' : '0.6848'}).`,
    )
    .transform((v) => (v === '' ? null : Number(v)));
}

export const auditFiltersSchema = z.object({
  action: z.string().trim().max(80).optional().catch(undefined),
  agent: z.uuid().optional().catch(undefined),
  du: z.iso.date().optional().catch(undefined),
  au: z.iso.date().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;
