// Rôles et droits de Relais, en un seul endroit (matrice lisible : docs/roles.md).
// Fonctions pures : le serveur les appelle par `requireAgent`, la navigation les lit aussi.

export const ROLES = ['accueil', 'mediateur', 'travailleur_social', 'responsable', 'administrateur', 'partenaire'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  accueil: "Agent d'accueil",
  mediateur: 'Médiateur / écrivain public',
  travailleur_social: 'Travailleur social',
  responsable: 'Responsable de service',
  administrateur: 'Administrateur',
  partenaire: 'Partenaire',
};

export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

export interface Actor {
  userId: string;
  structureId: string;
  role: Role;
}

/** Ce qu'un agent peut faire ; chaque permission nomme les rôles qui l'ont. */
export const PERMISSIONS = {
  /** Tout agent d'une structure voit son tableau de bord. */
  'tableau_de_bord.voir': ROLES,
  /** Inviter, changer de rôle, désactiver : l'administrateur de la structure seulement. */
  'utilisateurs.gerer': ['administrateur'],
  /** Nom, typologie et adresse de la structure : l'administrateur. */
  'structure.parametrer': ['administrateur'],
  /** Ajouter à la liste nationale les organismes propres au territoire : ceux qui pilotent la structure. */
  'organismes.gerer': ['responsable', 'administrateur'],
  /** Les motifs de rendez-vous (durée, lieu, qui réserve) : ceux qui organisent le service. */
  'rendez_vous.parametrer': ['responsable', 'administrateur'],
  /** Le planning des rendez-vous : en prendre (au guichet, au téléphone), les voir, dire s'ils sont honorés. */
  'rendez_vous.gerer': ['accueil', 'mediateur', 'travailleur_social', 'responsable'],
  /** Les plages d'ouverture et les absences : chacun les siennes ; le responsable, celles de tous. */
  'rendez_vous.plages': ['mediateur', 'travailleur_social', 'responsable'],
  /** Les ateliers collectifs : le catalogue, les séances, les inscriptions et les présences, par ceux qui les animent. */
  'ateliers.gerer': ['mediateur', 'travailleur_social', 'responsable'],
  /** Inscrire une personne depuis sa fiche ou son plan : ceux qui lisent sa fiche. */
  'ateliers.inscrire': ['mediateur', 'travailleur_social'],
  /** Le journal d'audit révèle qui a consulté quoi : responsable et administrateur. */
  'audit.consulter': ['responsable', 'administrateur'],
  /** Retrouver une personne par son nom : ceux qui la reçoivent (accueil compris, pour la file d'attente). */
  'personnes.rechercher': ['accueil', 'mediateur', 'travailleur_social'],
  /** Enregistrer une sollicitation : le médiateur, l'accueil pour une demande simple, le travailleur social. */
  'sollicitations.enregistrer': ['accueil', 'mediateur', 'travailleur_social'],
  /** Les listes de sollicitations (ma journée, à revoir, blocages) : ceux qui reçoivent et le responsable. */
  'sollicitations.lister': ['accueil', 'mediateur', 'travailleur_social', 'responsable'],
  /** Voir la file d'attente, enregistrer une arrivée, prendre quelqu'un en charge : ceux qui reçoivent. */
  'file_attente.gerer': ['accueil', 'mediateur', 'travailleur_social'],
  /** Lire la fiche et l'historique d'une personne : ceux qui l'accompagnent, pas l'accueil (informations générales seulement). */
  'personnes.consulter': ['mediateur', 'travailleur_social'],
  /** Le pilotage : le responsable voit toute la structure ; médiateurs et travailleurs sociaux, leur propre activité. */
  'pilotage.voir': ['mediateur', 'travailleur_social', 'responsable'],
  /** Régler le seuil d'alerte de charge, rédiger et éditer le rapport d'activité annuel : le responsable. */
  'pilotage.parametrer': ['responsable'],
  /** Établir, signer, révoquer un mandat et agir sous mandat : ceux qui font les démarches avec la personne. */
  'mandats.gerer': ['mediateur', 'travailleur_social'],
  /** Ouvrir l'espace personnel d'une personne (avec son accord) et le fermer : ceux qui l'accompagnent. */
  'espaces.gerer': ['mediateur', 'travailleur_social'],
  /** Le coffre-fort d'une personne (avec son accord) : ceux qui font les démarches avec elle ; chaque ouverture tracée. */
  'coffre.gerer': ['mediateur', 'travailleur_social'],
  /** L'annuaire des lieux du territoire est une information générale : tout agent le consulte pour orienter. */
  'lieux.consulter': ROLES,
  /** Créer, modifier, importer et retirer les lieux : ceux qui tiennent la structure, et le partenaire pour ses propres lieux. */
  'lieux.gerer': ['responsable', 'administrateur', 'partenaire'],
  /** Orienter une personne vers un lieu (et suivre l'orientation) : ceux qui l'accompagnent et lisent sa fiche. */
  'orientations.envoyer': ['mediateur', 'travailleur_social'],
  /** Lire les orientations reçues d'une autre structure (le minimum partagé), les prendre en compte, dire le résultat. */
  'orientations.recevoir': ['mediateur', 'travailleur_social', 'responsable', 'partenaire'],
  /** Diagnostiquer une personne, tenir son plan, marquer un pair-aidant : ceux qui l'accompagnent et lisent sa fiche. */
  'diagnostics.realiser': ['mediateur', 'travailleur_social'],
  /** La progression de la structure entre premiers et derniers diagnostics (chiffres sans nom) : ceux qui accompagnent, et le responsable. */
  'diagnostics.progression': ['mediateur', 'travailleur_social', 'responsable'],
  /** Les messages partis (e-mails, SMS) et les travaux différés de la structure, et relancer ceux en échec. */
  'envois.consulter': ['responsable', 'administrateur'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Pick<Actor, 'role'>, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(actor.role);
}

/**
 * Tout rôle qui voit des données personnelles exige un second facteur. Même l'accueil (prénoms de
 * la file d'attente) et le partenaire (le minimum partagé d'une orientation) en voient.
 */
const SEES_PERSONAL_DATA: Record<Role, boolean> = {
  accueil: true,
  mediateur: true,
  travailleur_social: true,
  responsable: true,
  administrateur: true,
  partenaire: true,
};

export function requiresSecondFactor(roles: readonly Role[], account: { isDemo: boolean }, demoMode: boolean) {
  // Les comptes de démonstration en sont dispensés tant que le mode démonstration est actif.
  if (account.isDemo && demoMode) return false;
  return roles.some((role) => SEES_PERSONAL_DATA[role]);
}

/** Un administrateur ne peut ni se retirer son rôle ni se désactiver : la structure resterait sans administrateur. */
export function canChangeMembership(actor: Actor, targetUserId: string) {
  return can(actor, 'utilisateurs.gerer') && actor.userId !== targetUserId;
}

/** Le responsable pilote toute la structure ; les autres voient leur propre activité. */
export const seesWholeStructure = (actor: Pick<Actor, 'role'>) => actor.role === 'responsable';

export interface NavItem {
  to: string;
  label: string;
}

const NAVIGATION: Array<NavItem & { permission: Permission }> = [
  { to: '/', label: 'Tableau de bord', permission: 'tableau_de_bord.voir' },
  { to: '/accueil', label: "File d'attente", permission: 'file_attente.gerer' },
  { to: '/sollicitations/nouvelle', label: 'Nouvelle sollicitation', permission: 'sollicitations.enregistrer' },
  { to: '/sollicitations', label: 'Sollicitations', permission: 'sollicitations.lister' },
  { to: '/rendez-vous', label: 'Rendez-vous', permission: 'rendez_vous.gerer' },
  { to: '/ateliers', label: 'Ateliers', permission: 'ateliers.gerer' },
  { to: '/mandats', label: 'Mandats', permission: 'mandats.gerer' },
  { to: '/coffre/echeances', label: 'Papiers qui expirent', permission: 'coffre.gerer' },
  { to: '/lieux', label: 'Annuaire', permission: 'lieux.consulter' },
  { to: '/orientations', label: 'Orientations', permission: 'orientations.recevoir' },
  { to: '/diagnostics', label: 'Diagnostics', permission: 'diagnostics.progression' },
  { to: '/demandes-des-habitants', label: 'Demandes des habitants', permission: 'espaces.gerer' },
  { to: '/pilotage', label: 'Pilotage', permission: 'pilotage.voir' },
  { to: '/administration/utilisateurs', label: 'Utilisateurs', permission: 'utilisateurs.gerer' },
  { to: '/administration/structure', label: 'Structure', permission: 'structure.parametrer' },
  { to: '/administration/partenariats', label: 'Partenariats', permission: 'structure.parametrer' },
  { to: '/administration/organismes', label: 'Organismes', permission: 'organismes.gerer' },
  { to: '/administration/motifs', label: 'Motifs de rendez-vous', permission: 'rendez_vous.parametrer' },
  { to: '/administration/journal', label: "Journal d'audit", permission: 'audit.consulter' },
  { to: '/administration/envois', label: 'Envois', permission: 'envois.consulter' },
];

export function navigationFor(actor: Pick<Actor, 'role'>): NavItem[] {
  return NAVIGATION.filter((item) => can(actor, item.permission)).map(({ to, label }) => ({ to, label }));
}
