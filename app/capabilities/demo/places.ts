// Les lieux du territoire d'Alpha (et de Beta) pour la démonstration, écrits au format national et relus par
// readNationalRecord au semis : la démonstration ne contient que des lieux que l'import accepterait.
// Alpha est une ville inventée ; ses codes postaux sont réels pour que l'annuaire les vérifie.

const DEMARCHES = 'Aide aux démarches administratives';
const OUTILS = 'Maîtrise des outils numériques du quotidien';
const ACCES = 'Accès internet et matériel informatique';
const SECURITE = 'Utilisation sécurisée du numérique';
const EMPLOI = 'Insertion professionnelle via le numérique';
const PARENTS = 'Parentalité et éducation avec le numérique';
const MATERIEL = 'Acquisition de matériel informatique à prix solidaire';
const LOISIRS = 'Loisirs et créations numériques';
const MONDE = 'Compréhension du monde numérique';

const OFFICE = 'Mo-Fr 09:00-12:00,13:30-17:00; PH off';
const LONG_OFFICE = 'Mo-Fr 08:30-12:30,13:30-17:30; PH off';

export interface DemoPlace {
  record: Record<string, string | number>;
  organisations: string[];
  themes: string[];
  partner: string | null;
  /** Un lieu d'accueil de la structure elle-même (ses sollicitations y sont notées). */
  receptionSite: boolean;
}

interface Sketch {
  id: string;
  nom: string;
  typologie: string;
  adresse: string;
  code_postal?: string;
  /** Décalage en mètres vers le nord et l'est depuis le centre de la ville. */
  at: [number, number];
  horaires?: string;
  services: string[];
  telephone?: string;
  /** L'adresse où le lieu reçoit les orientations (lien signé, relances) ; domaines réservés aux essais (.test). */
  courriel?: string;
  publics?: string[];
  prises?: string[];
  frais?: string[];
  acces?: string[];
  accompagnement?: string[];
  dispositifs?: string[];
  resume?: string;
  organisations?: string[];
  themes?: string[];
  site?: string;
  /** La structure de la démonstration qui reçoit les orientations vers ce lieu. */
  partner?: string;
  /** La structure y reçoit le public : son siège, ou une permanence. */
  accueil?: boolean;
}

const ALPHA_CENTRE = { latitude: 47.3941, longitude: 0.6848 };
const BETA_CENTRE = { latitude: 47.2172, longitude: -1.5534 };

/** Décalage en mètres → degrés (à cette latitude), arrondi à 6 décimales comme dans les fichiers nationaux. */
const offset = (centre: { latitude: number; longitude: number }, [north, east]: [number, number]) => ({
  latitude: Number((centre.latitude + north / 111_320).toFixed(6)),
  longitude: Number((centre.longitude + east / (111_320 * Math.cos((centre.latitude * Math.PI) / 180))).toFixed(6)),
});

const toDemo =
  (centre: typeof ALPHA_CENTRE, commune: string, postalCode: string, updatedOn: string) =>
  (s: Sketch): DemoPlace => {
    const list = (values?: string[]) => (values?.length ? values.join('|') : undefined);
    const record = {
      id: s.id,
      pivot: '00000000000000',
      nom: s.nom,
      adresse: s.adresse,
      commune,
      code_postal: s.code_postal ?? postalCode,
      ...offset(centre, s.at),
      typologie: s.typologie,
      telephone: s.telephone,
      courriels: s.courriel,
      site_web: s.site,
      horaires: s.horaires,
      presentation_resume: s.resume,
      source: 'Relais (démonstration)',
      date_maj: updatedOn,
      services: s.services.join('|'),
      publics_specifiquement_adresses: list(s.publics),
      prise_en_charge_specifique: list(s.prises),
      frais_a_charge: list(s.frais ?? ['Gratuit']),
      modalites_acces: list(s.acces ?? ['Se présenter', 'Téléphoner']),
      modalites_accompagnement: list(s.accompagnement ?? ['Accompagnement individuel']),
      dispositif_programmes_nationaux: list(s.dispositifs),
    };
    return {
      record: Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Record<string, string | number>,
      organisations: s.organisations ?? [],
      themes: s.themes ?? [],
      partner: s.partner ?? null,
      receptionSite: s.accueil ?? false,
    };
  };

const ALPHA_SKETCHES: Sketch[] = [
  {
    id: 'alpha-ccas',
    accueil: true,
    nom: "CCAS d'Alpha — service Cohésion sociale",
    typologie: 'CCAS',
    adresse: "1 place de l'Hôtel de Ville",
    at: [0, 0],
    horaires: LONG_OFFICE,
    telephone: '02 47 21 60 00',
    services: [DEMARCHES, OUTILS],
    prises: ['Illettrisme', 'Langues étrangères (autres)'],
    accompagnement: ['Accompagnement individuel', 'Dans un atelier collectif'],
    dispositifs: ['Aidants Connect', 'Conseillers numériques'],
    resume: 'Médiateurs écrivains publics : démarches en ligne avec vous, ateliers, mandats Aidants Connect.',
    organisations: ['caf', 'cpam', 'france_travail', 'dgfip', 'ants', 'prefecture', 'departement', 'assurance_retraite'],
    themes: ['social_sante', 'argent_impots', 'papiers_elections_citoyennete', 'logement', 'travail_formation'],
  },
  {
    id: 'alpha-mediatheque',
    courriel: 'numerique@mediatheque-alpha.test',
    nom: "Médiathèque d'Alpha — espace numérique",
    typologie: 'BIB',
    adresse: '5 allée des Lettres',
    at: [420, -310],
    horaires: 'Tu-Fr 10:00-18:00; Sa 10:00-17:00; PH off',
    telephone: '02 47 21 61 10',
    services: [OUTILS, ACCES, LOISIRS, MONDE, SECURITE],
    publics: ['Seniors', 'Jeunes'],
    prises: ['Déficience visuelle'],
    acces: ['Se présenter', 'Téléphoner', 'Contacter par mail'],
    accompagnement: ['En autonomie', 'Dans un atelier collectif', 'Accompagnement individuel'],
    dispositifs: ['Conseillers numériques', 'Bibliothèques numérique de référence'],
    resume: 'Postes en accès libre, ateliers « premiers pas », aide pour les e-mails et les formulaires.',
    themes: ['loisirs_sports_culture'],
    partner: 'mediatheque-alpha',
  },
  {
    id: 'alpha-france-services-centre',
    nom: "France Services d'Alpha Centre",
    typologie: 'RFS',
    adresse: '12 rue Nationale',
    at: [250, 180],
    horaires: 'Mo-Fr 09:00-12:30,13:30-17:00; Sa 09:00-12:00; PH off',
    telephone: '02 47 21 62 20',
    services: [DEMARCHES, OUTILS],
    acces: ['Se présenter', 'Téléphoner', 'Prendre un RDV en ligne'],
    dispositifs: ['France Services'],
    resume: 'Les démarches de neuf partenaires nationaux (CAF, CPAM, France Travail, impôts, ANTS…) au même guichet.',
    organisations: ['caf', 'cpam', 'france_travail', 'dgfip', 'ants', 'assurance_retraite', 'msa', 'la_poste', 'agirc_arrco'],
    themes: ['social_sante', 'argent_impots', 'papiers_elections_citoyennete', 'travail_formation'],
  },
  {
    id: 'alpha-france-services-sud',
    nom: 'France Services des Rives du Cher',
    typologie: 'RFS',
    adresse: '3 avenue de Grammont',
    code_postal: '37200',
    at: [-2600, 300],
    horaires: 'Mo,Tu,Th 09:00-12:00,14:00-17:00; We 09:00-12:00; Fr 14:00-17:00; PH off',
    telephone: '02 47 21 62 40',
    services: [DEMARCHES],
    acces: ['Se présenter', 'Téléphoner', 'Prendre un RDV en ligne'],
    dispositifs: ['France Services'],
    organisations: ['caf', 'cpam', 'france_travail', 'dgfip', 'ants', 'assurance_retraite', 'msa'],
    themes: ['social_sante', 'argent_impots', 'papiers_elections_citoyennete'],
  },
  {
    id: 'alpha-caf-point-numerique',
    nom: 'CAF — point numérique',
    typologie: 'CAF',
    adresse: '1 rue Alexander Fleming',
    code_postal: '37100',
    at: [1800, 900],
    horaires: 'Mo-Fr 08:30-16:30; PH off',
    telephone: '09 69 32 52 52',
    services: [DEMARCHES, ACCES],
    acces: ['Se présenter', 'Prendre un RDV en ligne'],
    accompagnement: ['En autonomie', 'Accompagnement individuel'],
    dispositifs: ["Point d'accès numérique CAF"],
    resume: 'Ordinateurs en libre service et conseillers pour le compte CAF, la déclaration trimestrielle, la prime d’activité.',
    organisations: ['caf'],
    themes: ['social_sante', 'famille_scolarite', 'logement'],
  },
  {
    id: 'alpha-caf-borne-gare',
    nom: 'Borne CAF en libre-service — gare d’Alpha',
    typologie: 'CAF',
    adresse: '3 place du Général Leclerc',
    at: [-450, 650],
    horaires: '24/7',
    services: [DEMARCHES, ACCES],
    acces: ['Se présenter'],
    accompagnement: ['En autonomie'],
    dispositifs: ["Point d'accès numérique CAF"],
    resume: 'Borne accessible jour et nuit : attestations, déclaration trimestrielle, impression de documents. Sans accompagnement.',
    organisations: ['caf'],
    themes: ['social_sante'],
  },
  {
    id: 'alpha-cpam-accueil',
    nom: 'CPAM — accueil sur rendez-vous',
    typologie: 'CPAM',
    adresse: '36 rue Edouard Vaillant',
    at: [-600, 700],
    horaires: 'Mo-Fr 08:30-12:00,13:30-16:30; PH off',
    services: [DEMARCHES],
    acces: ['Prendre un RDV en ligne', 'Téléphoner'],
    resume: 'Compte ameli, carte Vitale, complémentaire santé solidaire.',
    organisations: ['cpam'],
    themes: ['social_sante'],
  },
  {
    id: 'alpha-france-travail',
    nom: "France Travail d'Alpha",
    typologie: 'FT',
    adresse: '8 rue de la Pierre',
    code_postal: '37100',
    at: [2100, -400],
    horaires: 'Mo-We 08:30-16:30; Th 08:30-12:30; Fr 08:30-15:30; PH off',
    services: [EMPLOI, DEMARCHES],
    acces: ['Se présenter', 'Prendre un RDV en ligne'],
    accompagnement: ['En autonomie', 'Accompagnement individuel'],
    organisations: ['france_travail'],
    themes: ['travail_formation'],
  },
  {
    id: 'alpha-pimms',
    nom: "PIMMS Médiation d'Alpha",
    typologie: 'PIMMS',
    adresse: '22 rue du Commerce',
    at: [120, -520],
    horaires: 'Mo-Fr 09:00-12:30,13:30-17:00; PH off',
    telephone: '02 47 21 63 30',
    services: [DEMARCHES, OUTILS],
    prises: ['Langues étrangères (anglais)', 'Langues étrangères (autres)'],
    organisations: ['energie', 'la_poste', 'caf', 'bailleur_social'],
    themes: ['logement', 'argent_impots', 'social_sante'],
    resume: 'Factures d’énergie, chèque énergie, courriers administratifs, démarches CAF.',
  },
  {
    id: 'alpha-centre-social-rabiere',
    courriel: 'accueil@cs-rabiere.test',
    nom: 'Centre social de la Rabière',
    typologie: 'CS',
    adresse: '2 rue Paul Langevin',
    code_postal: '37200',
    at: [-1900, -1200],
    horaires: 'Mo-Fr 09:00-12:00,14:00-18:30; PH off',
    telephone: '02 47 21 64 00',
    services: [OUTILS, PARENTS, DEMARCHES],
    publics: ['Familles et/ou enfants', 'Femmes'],
    accompagnement: ['Dans un atelier collectif', 'Accompagnement individuel'],
    organisations: ['caf', 'education_nationale'],
    themes: ['famille_scolarite', 'social_sante'],
  },
  {
    id: 'alpha-centre-social-fontaines',
    nom: 'Centre social des Fontaines',
    typologie: 'CS',
    adresse: '14 allée de Chantepie',
    code_postal: '37200',
    at: [-3100, 800],
    horaires: 'Mo-Fr 09:00-12:00,13:30-18:00; We 09:00-12:00; PH off',
    services: [OUTILS, DEMARCHES, EMPLOI],
    publics: ['Jeunes', 'Familles et/ou enfants'],
    organisations: ['caf', 'france_travail'],
    themes: ['travail_formation', 'famille_scolarite'],
  },
  {
    id: 'alpha-epn-maryse-bastie',
    nom: 'Espace public numérique Maryse-Bastié',
    typologie: 'EPN',
    adresse: '7 rue Maryse Bastié',
    code_postal: '37100',
    at: [2700, 1500],
    horaires: 'Tu,Th 14:00-18:00; We 10:00-12:00,14:00-18:00; Sa 10:00-12:00; PH off',
    services: [OUTILS, ACCES, SECURITE, LOISIRS],
    publics: ['Seniors'],
    accompagnement: ['Dans un atelier collectif', 'En autonomie'],
    dispositifs: ['Conseillers numériques'],
    themes: ['loisirs_sports_culture'],
  },
  {
    id: 'alpha-epn-europe',
    nom: "Cyber-espace de l'Europe",
    typologie: 'EPN',
    adresse: "30 boulevard de l'Europe",
    code_postal: '37100',
    at: [3300, -900],
    horaires: 'Mo-Fr 13:30-18:00; PH off',
    services: [ACCES, OUTILS, EMPLOI],
    publics: ['Jeunes'],
    accompagnement: ['En autonomie', 'Dans un atelier collectif'],
    themes: ['travail_formation'],
  },
  {
    id: 'alpha-mission-locale',
    courriel: 'accueil@mission-locale-alpha.test',
    nom: "Mission locale d'Alpha",
    typologie: 'ML',
    adresse: '11 rue Michelet',
    at: [-300, -800],
    horaires: 'Mo-Fr 09:00-12:30,13:30-17:30; PH off',
    services: [EMPLOI, DEMARCHES],
    publics: ['Jeunes'],
    acces: ['Téléphoner', 'Se présenter'],
    organisations: ['france_travail', 'local_mission_locale_d_alpha'],
    themes: ['travail_formation'],
  },
  {
    id: 'alpha-emmaus-connect',
    courriel: 'alpha@emmaus-connect.test',
    nom: 'Emmaüs Connect — point relais',
    typologie: 'ASSO',
    adresse: '40 rue Giraudeau',
    at: [-800, -1500],
    horaires: 'We 14:00-17:00; Sa 10:00-13:00; PH off',
    services: [MATERIEL, ACCES, OUTILS],
    frais: ['Gratuit sous condition'],
    acces: ['Envoyer un mail avec une fiche de prescription'],
    dispositifs: ['Emmaüs Connect'],
    resume: 'Téléphones et ordinateurs reconditionnés à prix solidaire, recharges à petit prix, sur orientation d’un travailleur social.',
  },
  {
    id: 'alpha-secours-populaire',
    courriel: 'alpha@secours-populaire.test',
    nom: 'Secours populaire — atelier numérique',
    typologie: 'ASSO',
    adresse: '9 rue de la Fuye',
    at: [600, 1400],
    horaires: 'Tu 14:00-17:00; Th 09:00-12:00; PH off',
    services: [OUTILS, DEMARCHES],
    prises: ['Illettrisme'],
    accompagnement: ['Accompagnement individuel', 'Dans un atelier collectif'],
    organisations: ['caf', 'cpam'],
    themes: ['social_sante'],
  },
  {
    id: 'alpha-maison-des-solidarites',
    nom: 'Maison départementale de la solidarité',
    typologie: 'MDS',
    adresse: '19 rue de Jemmapes',
    at: [-1200, 250],
    horaires: 'Mo-Fr 08:45-12:15,13:30-17:00; PH off',
    telephone: '02 47 21 65 00',
    services: [DEMARCHES],
    acces: ['Téléphoner', 'Se présenter'],
    organisations: ['departement', 'caf', 'mdph'],
    themes: ['social_sante', 'logement'],
    resume: 'Assistantes sociales du Département : RSA, APA, aides au logement, dossier MDPH.',
  },
  {
    id: 'alpha-mairie-annexe-nord',
    nom: 'Mairie annexe des Douets',
    typologie: 'MUNI',
    adresse: '2 place des Douets',
    code_postal: '37100',
    at: [3900, 200],
    horaires: 'Mo-Fr 08:30-12:00,13:30-17:00; Sa 09:00-12:00; PH off',
    services: [DEMARCHES],
    acces: ['Se présenter', 'Prendre un RDV en ligne'],
    organisations: ['ants', 'mairie'],
    themes: ['papiers_elections_citoyennete'],
    resume: 'Cartes d’identité et passeports sur rendez-vous (pré-demande ANTS), inscriptions sur les listes électorales.',
  },
  {
    id: 'alpha-mairie-annexe-sud',
    accueil: true,
    nom: 'Mairie annexe des Fontaines',
    typologie: 'MUNI',
    adresse: '1 place Neuve',
    code_postal: '37200',
    at: [-2900, 1100],
    horaires: 'Mo-Fr 08:30-12:00,13:30-17:00; PH off',
    services: [DEMARCHES],
    acces: ['Se présenter', 'Prendre un RDV en ligne'],
    organisations: ['ants', 'mairie'],
    themes: ['papiers_elections_citoyennete'],
    resume: 'Cartes d’identité et passeports sur rendez-vous ; permanence des médiateurs du CCAS d’Alpha depuis deux ans.',
  },
  {
    id: 'alpha-impots',
    nom: 'Centre des finances publiques — accueil',
    typologie: 'CFP',
    adresse: '94 boulevard Béranger',
    at: [-150, -1100],
    horaires: 'Mo,Tu,Th 08:45-12:00; PH off',
    services: [DEMARCHES],
    acces: ['Prendre un RDV en ligne', 'Se présenter'],
    organisations: ['dgfip'],
    themes: ['argent_impots'],
    resume: 'Déclaration de revenus, prélèvement à la source, espace particulier impots.gouv.fr.',
  },
  {
    id: 'alpha-la-poste',
    nom: 'La Poste — bureau Alpha Centre',
    typologie: 'LA_POSTE',
    adresse: '1 boulevard Béranger',
    at: [80, -950],
    horaires: 'Mo-Fr 09:00-18:00; Sa 09:00-12:30; PH off',
    services: [ACCES, DEMARCHES],
    accompagnement: ['En autonomie'],
    organisations: ['la_poste', 'banque', 'ants'],
    themes: ['argent_impots'],
    resume: 'Îlot numérique en libre service, impression de documents, identité numérique La Poste.',
  },
  {
    id: 'alpha-cidff',
    courriel: 'accueil@cidff-alpha.test',
    nom: "CIDFF d'Alpha",
    typologie: 'CIDFF',
    adresse: '5 rue Lobin',
    at: [900, -200],
    horaires: 'Mo,Tu,Th 09:00-12:30,13:30-17:00; PH off',
    services: [DEMARCHES],
    publics: ['Femmes', 'Familles et/ou enfants'],
    acces: ['Téléphoner'],
    organisations: ['caf', 'prefecture'],
    themes: ['justice', 'famille_scolarite'],
  },
  {
    id: 'alpha-asso-papiers',
    courriel: 'contact@papiers-pour-tous.test',
    nom: 'Association Papiers pour tous',
    typologie: 'ASSO',
    adresse: '17 rue des Halles',
    at: [350, -650],
    horaires: 'We 09:30-12:30; Fr 14:00-17:00; PH off',
    services: [DEMARCHES],
    prises: ['Langues étrangères (anglais)', 'Langues étrangères (autres)', 'Illettrisme'],
    frais: ['Gratuit'],
    organisations: ['prefecture', 'caf', 'cpam'],
    themes: ['etrangers_europe', 'papiers_elections_citoyennete'],
    resume: 'Titres de séjour sur le site de l’ANEF, traduction de courriers, avec des bénévoles qui parlent arabe, anglais, portugais.',
  },
  {
    id: 'alpha-bibliotheque-fontaines',
    nom: 'Bibliothèque des Fontaines',
    typologie: 'BIB',
    adresse: '6 rue Saint-Exupéry',
    code_postal: '37200',
    at: [-3000, 1300],
    horaires: 'Tu,Fr 14:00-18:00; We,Sa 10:00-12:30,14:00-18:00; PH off',
    services: [ACCES, OUTILS, LOISIRS],
    publics: ['Familles et/ou enfants', 'Jeunes'],
    accompagnement: ['En autonomie', 'Dans un atelier collectif'],
    themes: ['loisirs_sports_culture'],
  },
  {
    id: 'alpha-bibliotheque-nord',
    nom: 'Bibliothèque Paul-Carré',
    typologie: 'BIB',
    adresse: '3 rue Henri Barbusse',
    code_postal: '37100',
    at: [2500, -1600],
    horaires: 'Tu-Sa 10:00-12:00,14:00-18:00; PH off',
    services: [ACCES, OUTILS],
    accompagnement: ['En autonomie'],
  },
  {
    id: 'alpha-resid-seniors',
    nom: 'Résidence autonomie Les Tilleuls — atelier tablette',
    typologie: 'Autre',
    adresse: '25 rue Febvotte',
    at: [-900, 1900],
    horaires: 'Th 14:00-16:00; PH off',
    services: [OUTILS, SECURITE],
    publics: ['Seniors'],
    prises: ['Surdité', 'Déficience visuelle', 'Handicaps moteurs'],
    accompagnement: ['Dans un atelier collectif'],
    acces: ['Téléphoner'],
    themes: ['loisirs_sports_culture'],
  },
  {
    id: 'alpha-maison-handicap',
    courriel: 'contact@relais-handicap-alpha.test',
    nom: "Relais handicap d'Alpha",
    typologie: 'ASSO',
    adresse: '10 rue Charles Gille',
    at: [-450, 300],
    horaires: 'Mo-Th 09:00-12:00,14:00-17:00; PH off',
    services: [DEMARCHES, OUTILS],
    prises: ['Handicaps moteurs', 'Handicaps mentaux', 'Surdité', 'Déficience visuelle'],
    organisations: ['mdph', 'caf'],
    themes: ['social_sante'],
    resume: 'Dossier MDPH en ligne, AAH, aide à l’usage d’outils adaptés (loupe, synthèse vocale).',
  },
  {
    id: 'alpha-alpha-habitat',
    nom: 'Alpha Habitat — agence de quartier',
    typologie: 'Autre',
    adresse: '4 place Saint-Paul',
    code_postal: '37200',
    at: [-1500, -300],
    horaires: 'Mo-Fr 08:30-12:00; PH off',
    services: [DEMARCHES],
    acces: ['Se présenter', 'Téléphoner'],
    organisations: ['local_alpha_habitat', 'bailleur_social', 'caf'],
    themes: ['logement'],
    resume: 'Demande de logement social en ligne, aides au logement, compte locataire.',
  },
  {
    id: 'alpha-ecole-2e-chance',
    nom: 'École de la 2e chance',
    typologie: 'E2C',
    adresse: '56 avenue Maginot',
    code_postal: '37100',
    at: [2900, 500],
    horaires: 'Mo-Fr 08:30-17:00; PH off',
    services: [EMPLOI, OUTILS],
    publics: ['Jeunes'],
    acces: ['Téléphoner', 'Contacter par mail'],
    accompagnement: ['Dans un atelier collectif'],
    themes: ['travail_formation'],
  },
  {
    id: 'alpha-fablab',
    nom: 'FabLab Fun Lab Alpha',
    typologie: 'FABLAB',
    adresse: '13 rue du Cygne',
    at: [520, 90],
    horaires: 'We 14:00-19:00; Sa 10:00-18:00; PH off',
    services: [LOISIRS, MONDE],
    frais: ['Payant'],
    accompagnement: ['En autonomie', 'Dans un atelier collectif'],
    themes: ['loisirs_sports_culture'],
  },
  {
    id: 'alpha-bus-numerique',
    nom: 'Bus numérique du Département',
    typologie: 'ENM',
    adresse: '1 place de la Préfecture',
    at: [-700, -100],
    horaires: 'Mo 09:30-12:30 "marché des Halles"; Th 14:00-17:00 "quartier des Fontaines"; PH off',
    services: [OUTILS, DEMARCHES],
    publics: ['Seniors'],
    acces: ['Se présenter'],
    organisations: ['caf', 'cpam', 'dgfip'],
    themes: ['social_sante', 'argent_impots'],
    resume: 'Un conseiller numérique itinérant, deux demi-journées par semaine dans les quartiers.',
  },
];

// La ville voisine : quand une personne déménage, on l'oriente vers le CCAS de sa nouvelle commune.
ALPHA_SKETCHES.push({
  id: 'alpha-vers-ccas-beta',
  nom: 'CCAS de Beta (commune voisine)',
  typologie: 'CCAS',
  adresse: '12 rue de la République',
  code_postal: '44000',
  at: [-19_700, -170_000],
  horaires: OFFICE,
  services: [DEMARCHES, OUTILS],
  organisations: ['caf', 'cpam', 'dgfip'],
  themes: ['social_sante'],
  partner: 'beta',
});

const BETA_SKETCHES: Sketch[] = [
  {
    id: 'beta-ccas',
    accueil: true,
    nom: 'CCAS de Beta',
    typologie: 'CCAS',
    adresse: '12 rue de la République',
    at: [0, 0],
    horaires: OFFICE,
    services: [DEMARCHES, OUTILS],
    organisations: ['caf', 'cpam', 'dgfip'],
    themes: ['social_sante'],
  },
  {
    id: 'beta-mediatheque',
    nom: 'Médiathèque de Beta',
    typologie: 'BIB',
    adresse: '2 place Graslin',
    at: [300, 500],
    horaires: 'Tu-Sa 10:00-18:00; PH off',
    services: [ACCES, OUTILS],
    accompagnement: ['En autonomie', 'Dans un atelier collectif'],
  },
  {
    id: 'beta-vers-ccas-alpha',
    nom: "CCAS d'Alpha (commune voisine)",
    typologie: 'CCAS',
    adresse: "1 place de l'Hôtel de Ville",
    code_postal: '37000',
    at: [19_700, 170_000],
    horaires: LONG_OFFICE,
    services: [DEMARCHES, OUTILS],
    organisations: ['caf', 'cpam', 'france_travail', 'dgfip'],
    themes: ['social_sante'],
    partner: 'alpha',
  },
  {
    id: 'beta-france-services',
    courriel: 'beta@france-services.test',
    nom: 'France Services de Beta',
    typologie: 'RFS',
    adresse: '5 rue Crébillon',
    at: [-200, 350],
    horaires: 'Mo-Fr 09:00-12:00,14:00-17:00; PH off',
    services: [DEMARCHES],
    dispositifs: ['France Services'],
    organisations: ['caf', 'cpam', 'france_travail', 'dgfip', 'ants'],
    themes: ['social_sante', 'argent_impots'],
  },
];

/** Les lieux que la médiathèque, structure partenaire, tient elle-même dans Relais. */
const MEDIATHEQUE_SKETCHES: Sketch[] = [{ ...ALPHA_SKETCHES[1]!, partner: undefined }];

export const DEMO_PLACES: Record<string, DemoPlace[]> = {
  alpha: ALPHA_SKETCHES.map(toDemo(ALPHA_CENTRE, 'Alpha', '37000', '2026-11-02')),
  beta: BETA_SKETCHES.map(toDemo(BETA_CENTRE, 'Beta', '44000', '2026-10-15')),
  'mediatheque-alpha': MEDIATHEQUE_SKETCHES.map(toDemo(ALPHA_CENTRE, 'Alpha', '37000', '2026-11-02')),
};

export const DEMO_STRUCTURE_POSITIONS: Record<string, { latitude: number; longitude: number }> = {
  alpha: ALPHA_CENTRE,
  beta: BETA_CENTRE,
  'mediatheque-alpha': offset(ALPHA_CENTRE, [420, -310]),
};

/** Les paires (structure, structure du lieu) que les lieux de la démonstration relient, chacune une fois. */
export function demoPartnerPairs(): Array<[string, string]> {
  const pairs = new Map<string, [string, string]>();
  for (const [slug, list] of Object.entries(DEMO_PLACES))
    for (const place of list)
      if (place.partner && place.partner !== slug) pairs.set([slug, place.partner].sort().join('|'), [slug, place.partner]);
  return [...pairs.values()];
}
