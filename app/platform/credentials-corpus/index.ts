// Le corpus du détecteur d'identifiants secrets, par catégorie. Chaque catégorie réunit des familles de notes
// (une façon d'écrire : mot-clé puis valeur, identifiant puis « / »…) ; les familles sont partagées en deux moitiés :
// le développement, sur lequel le détecteur est mis au point et testé, et la mesure, sur laquelle `npm run bench`
// rend le rappel et les faux positifs et sur laquelle le détecteur n'est jamais réglé. Une famille entière va d'un
// côté : la mesure porte sur des tournures que le détecteur n'a pas vues.
import { WITH_CREDENTIALS as FIRST_WITH, WITHOUT_CREDENTIALS as FIRST_WITHOUT } from './hand-written';
import { cardNumber, frenchIban, grouped, nir, nirSpaced, seededRandom } from './numbers';

export type Half = 'developpement' | 'mesure';

export interface CorpusNote {
  text: string;
  /** La note contient-elle un secret (elle doit être refusée) ? */
  secret: boolean;
  category: string;
  half: Half;
}

type Pick = <T>(list: readonly T[]) => T;
type Family = (pick: Pick, random: () => number) => string;

const SERVICES = [
  'CAF',
  'ameli',
  'impots.gouv',
  'France Travail',
  'ANTS',
  'la MSA',
  'Info Retraite',
  'Gmail',
  'Orange',
  'La Poste',
  'Doctolib',
  'FranceConnect',
  'la Carsat',
  'la mutuelle',
  'EDF',
  'la banque',
  'Hotmail',
  'Mon compte formation',
  'l’ANEF',
  'la CPAM',
];
const PASSWORDS = [
  'Soleil2024!',
  'marie1975',
  'Chouchou75',
  'Loulou*33',
  'azerty12',
  'Kenza2010',
  'P@ssw0rd',
  'bonheur59',
  'Yanis.2015',
  'MamieJo62',
  'Titi#2023',
  'lola2008',
  'Fatou93!',
  'Maroc1987',
  'Nour-2016',
  'Alger2019',
  'Moussa95',
  'Ines*2012',
  'Amine2001',
  'zizou98',
  'Paris75015',
  'Belle-Ile56',
  'jesus123',
  'ETE2022',
  'momo13',
  'Ousmane!7',
  'Tulipe.66',
  'Rachid1980',
  'BabaCool44',
  'Lyon69x',
];
const WORD_PASSWORDS = ['doudou', 'chaton', 'hibiscus', 'bibiche', 'papillon', 'soleil', 'nounours', 'princesse', 'marseille', 'tournesol'];
const EMAILS = [
  'awa.diop@gmail.com',
  'j.martin62@orange.fr',
  'fatima.benali@hotmail.fr',
  'm.lefebvre@laposte.net',
  'kevin.dupuis@yahoo.fr',
  'nadia75@outlook.fr',
  'rose.ngoma@gmail.com',
  'p.garcia@free.fr',
];
const LOGINS = ['1234567', '0123456789012', 'jdupont75', 'a.diop', '7654321', 'mlefebvre', '2298765', 'fbenali93'];
const PERSONS = ['Mme Diop', 'M. Martin', 'Mme Benali', 'M. Lefebvre', 'Mme Ngoma', 'M. Garcia', 'Mme Traoré', 'M. Nguyen', 'elle', 'il'];
const SIX = ['482913', '330741', '129384', '905127', '617203', '774018', '258846', '390562'];
const SHORT = ['5521', '0607', '1984', '7342', '2201', '9090'];

const spaced = (code: string, style: number) =>
  style % 4 === 0
    ? `${code.slice(0, 3)} ${code.slice(3)}`
    : style % 4 === 1
      ? `${code.slice(0, 3)}-${code.slice(3)}`
      : style % 4 === 2
        ? code.split('').join(' ')
        : `${code.slice(0, 2)}.${code.slice(2, 4)}.${code.slice(4)}`;

const DIGIT_WORDS = ['zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf'];
const inWords = (code: string) =>
  code
    .split('')
    .map((d) => DIGIT_WORDS[Number(d)])
    .join(' ');
const YEARS_IN_WORDS = [
  'mille neuf cent soixante-quatre',
  'mille neuf cent quatre-vingt-deux',
  'deux mille neuf',
  'mille neuf cent cinquante-six',
  'deux mille quinze',
];
const RELATIVES = ['sa fille', 'son fils', 'son chien', 'sa mère', 'son mari', 'sa petite-fille', 'son chat'];

/** Les familles de chaque catégorie avec secret. */
const WITH: Record<string, Family[]> = {
  mot_de_passe: [
    (p) => `Mot de passe ${p(SERVICES)} : ${p(PASSWORDS)}`,
    (p) => `${p(PERSONS)} a un nouveau mot de passe ${p(SERVICES)}, c’est ${p(PASSWORDS)}.`,
    (p) => `Compte ${p(SERVICES)} recréé aujourd’hui ; mdp = ${p(PASSWORDS)} (à changer)`,
    (p) => `Le mot de passe de son espace ${p(SERVICES)} est ${p(WORD_PASSWORDS)}`,
    (p) => `MDP provisoire donné par le conseiller ${p(SERVICES)} : ${p(PASSWORDS)}, elle doit le changer.`,
    (p) => `Connexion ${p(SERVICES)} réussie. Pour mémoire, mot de passe «${p(PASSWORDS)}».`,
    (p) => `password ${p(SERVICES)} ${p(PASSWORDS)}`,
    (p) => `Elle m’a dicté son mot de passe ${p(SERVICES)} : ${p(WORD_PASSWORDS)}.`,
  ],
  mot_cle_mal_ecrit: [
    (p) => `mpd ${p(SERVICES)} : ${p(PASSWORDS)}`,
    (p) => `psw ${p(SERVICES)} = ${p(PASSWORDS)}`,
    (p) => `Son pasword ${p(SERVICES)} est ${p(PASSWORDS)}`,
    (p) => `mot de pass ${p(SERVICES)} ${p(PASSWORDS)}`,
    (p) => `Mdps ${p(SERVICES)} -> ${p(PASSWORDS)}`,
    (p) => `mot de passse : ${p(PASSWORDS)} (${p(SERVICES)})`,
    (p) => `MotDePasse ${p(SERVICES)}: ${p(PASSWORDS)}`,
    (p) => `pwd ${p(SERVICES)} ${p(PASSWORDS)}`,
  ],
  identifiant_et_secret: [
    (p) => `${p(EMAILS)} / ${p(PASSWORDS)}`,
    (p) => `Connexion ${p(SERVICES)} : ${p(EMAILS)} + ${p(PASSWORDS)}`,
    (p) => `identifiant ${p(LOGINS)} / ${p(PASSWORDS)} pour ${p(SERVICES)}`,
    (p) => `Identifient ${p(SERVICES)} : ${p(LOGINS)}, code ${p(PASSWORDS)}`,
    (p) => `Accès ${p(SERVICES)} ${p(EMAILS)} / ${p(PASSWORDS)} — noté à sa demande`,
    (p) => `login ${p(LOGINS)} + ${p(PASSWORDS)}`,
    (p) => `${p(SERVICES)} : id ${p(LOGINS)} / ${p(PASSWORDS)}`,
    (p) => `Ses accès ${p(SERVICES)} : ${p(EMAILS)} ; ${p(PASSWORDS)}`,
  ],
  code_recu: [
    (p, r) => `code reçu par SMS : ${spaced(p(SIX), Math.floor(r() * 4))}`,
    (p) => `3D secure ${p(SIX)} validé pour le paiement du timbre`,
    (p, r) => `Code d’activation ${p(SERVICES)} : ${spaced(p(SIX), Math.floor(r() * 4))}`,
    (p) => `code provisoire ${p(SERVICES)} ${p(SHORT)}`,
    (p, r) => `Réinitialisation ${p(SERVICES)} : ${spaced(p(SIX), Math.floor(r() * 4))} reçu sur son portable`,
    (p) => `Le code de confirmation envoyé par ${p(SERVICES)} est ${p(SIX)}`,
    (p, r) => `Code reçu ${spaced(p(SIX), Math.floor(r() * 4))}, on a pu finir la démarche ${p(SERVICES)}`,
    (p) => `code unique ${p(SERVICES)} ${p(SIX)} saisi avec elle`,
    (p) => `Son code secret ${p(SERVICES)} : ${p(SHORT)}`,
    (p) => `SMS ${p(SERVICES)} reçu : ${p(SIX)}`,
  ],
  carte_bancaire: [
    (_p, r) => `CB ${grouped(cardNumber(r, r() < 0.5), Math.floor(r() * 3))} pour le timbre fiscal`,
    (_p, r) => `Payé avec sa carte n° ${grouped(cardNumber(r, r() < 0.5), 0)}`,
    (_p, r) => `carte bancaire : ${grouped(cardNumber(r, r() < 0.5), 1)} exp 0${1 + Math.floor(r() * 9)}/2${7 + Math.floor(r() * 3)}`,
    (_p, r) => `Numéro de carte ${grouped(cardNumber(r, false), 0)} (elle a lu sur sa carte)`,
    (_p, r) => `cryptogramme ${String(100 + Math.floor(r() * 900))} au dos de la carte`,
    (_p, r) => `Visa ${grouped(cardNumber(r, r() < 0.5), 2)} expire fin 2027`,
    (_p, r) => `CVV ${String(100 + Math.floor(r() * 900))}, paiement ANTS fait`,
    (_p, r) => `${grouped(cardNumber(r, true), 0)} — carte de son fils utilisée pour payer`,
  ],
  iban: [
    (_p, r) => `IBAN ${grouped(frenchIban(r, r() < 0.5), 0)} pour le versement`,
    (_p, r) => `RIB : ${frenchIban(r, r() < 0.5)}`,
    (_p, r) => `Son iban est ${grouped(frenchIban(r, false), 0)}, à donner à la CAF`,
    (_p, r) => `Coordonnées bancaires ${grouped(frenchIban(r, r() < 0.5), 0)}`,
    (_p, r) => `${grouped(frenchIban(r, true), 0)} (compte joint)`,
    (_p, r) => `Nouveau compte à la Banque Postale, IBAN: ${frenchIban(r, false)}`,
  ],
  nir: [
    (_p, r) => `NIR ${nirSpaced(nir(r, r() < 0.5))}`,
    (_p, r) => `n° sécu ${nir(r, r() < 0.5)}`,
    (_p, r) => `Numéro de sécurité sociale : ${nirSpaced(nir(r, false))}`,
    (_p, r) => `carte vitale ${nir(r, r() < 0.5)} à mettre à jour`,
    (_p, r) => `Son numéro ameli est le ${nirSpaced(nir(r, r() < 0.5))}`,
    (_p, r) => `${nirSpaced(nir(r, true))} — numéro de sécu de son fils`,
    (_p, r) => `N° SS ${nir(r, false)}`,
  ],
  question_secrete: [
    (p) => `Question secrète ${p(SERVICES)} : nom de son premier animal, réponse ${p(WORD_PASSWORDS)}`,
    (p) => `question de sécurité : ville de naissance ? réponse : ${p(['Bamako', 'Oran', 'Lille', 'Dakar', 'Tunis', 'Brest'])}`,
    (p) => `Réponse à la question secrète ${p(SERVICES)} = ${p(['Médor', 'Kiki', 'Rex', 'Minou', 'Pupuce'])}`,
    (p) => `Q secrète ${p(SERVICES)} (prénom de sa grand-mère) : ${p(['Fatoumata', 'Jeanne', 'Aïcha', 'Yvonne', 'Mireille'])}`,
    (p) => `Pour ${p(SERVICES)}, la réponse à la question personnelle est « ${p(['bleu', 'Marseille', 'Tintin', 'couscous', 'Peugeot'])} »`,
    (p) => `question secrète : son plat préféré — réponse ${p(['mafé', 'tajine', 'pot-au-feu', 'yassa'])}`,
  ],
  en_toutes_lettres: [
    (p) => `Code de sa carte : ${inWords(p(SHORT))}`,
    (p) => `mot de passe ${p(SERVICES)} : ${p(YEARS_IN_WORDS)}`,
    (p) => `Son mdp c’est le prénom de ${p(RELATIVES)} suivi de ${p(['2009', '1987', '75', '2012', '13'])}`,
    (p) => `code PIN ${inWords(p(SHORT))}`,
    (p) => `Le mot de passe ${p(SERVICES)} est la date de naissance de ${p(RELATIVES)} puis ${p(['!', '*', '2024', '75'])}`,
    (p) => `code reçu : ${inWords(p(SIX))}`,
    (p) => `mdp ${p(SERVICES)} = nom de ${p(RELATIVES)} + ${p(['2001', '1990', '56', '2016'])}`,
    (p) => `Code confidentiel ${p(SERVICES)} ${inWords(p(SHORT))}`,
  ],
};

const ORGS = [
  'la CAF',
  'ameli',
  'France Travail',
  'impots.gouv',
  'l’ANTS',
  'la préfecture',
  'la Carsat',
  'la MSA',
  'la mutuelle',
  'le bailleur',
  'la CPAM',
  'EDF',
  'la mairie',
  'Pôle emploi',
  'la banque',
];
const PHONES = ['06 12 34 56 78', '07 81 22 43 90', '01 45 67 89 12', '0612345678', '06-98-76-54-32'];
const AMOUNTS = ['312 euros', '1 245 €', '86 €', '215,40 €', '48 euros', '2 300 €'];

/** Les familles de chaque catégorie sans secret, dont des notes qui y ressemblent (faux amis). */
const WITHOUT: Record<string, Family[]> = {
  note_courante: [
    (p) => `Démarche ${p(ORGS)} faite avec ${p(PERSONS)}, tout est envoyé.`,
    (p) => `${p(PERSONS)} reviendra avec son avis d’imposition pour ${p(ORGS)}.`,
    (p) => `Rendez-vous pris avec ${p(ORGS)} le ${p(['4', '12', '23', '30'])} à ${p(['9 h', '10 h 30', '14 h', '16 h 15'])}.`,
    (p) => `Simulation des droits ${p(ORGS)} : environ ${p(AMOUNTS)} par mois.`,
    (p) => `Appel à ${p(ORGS)} avec ${p(PERSONS)} : ${p(['12', '25', '40'])} minutes d’attente, dossier transmis.`,
    (p) => `Pièces pour ${p(ORGS)} scannées avec son téléphone, il sait le refaire.`,
    (p) => `Courrier de ${p(ORGS)} expliqué, rien à faire avant le ${p(['15', '28', '3'])}.`,
    (p) => `${p(PERSONS)} a déclaré ses ressources trimestrielles à ${p(ORGS)} seule, je n’ai fait que regarder.`,
    (p) => `Contact de ${p(PERSONS)} : ${p(PHONES)}, rappeler si le courrier de ${p(ORGS)} n’arrive pas.`,
    (p) => `Payé ${p(AMOUNTS)} de timbre fiscal ; reçu imprimé pour ${p(ORGS)}.`,
    (p) => `Attestation ${p(ORGS)} téléchargée et imprimée (${p(['1', '2', '3'])} pages).`,
    (p) => `Dossier ${p(ORGS)} complet, accusé de réception n° ${p(['2024-00123', 'A-55812', '0751224001234'])}.`,
  ],
  faux_ami_mot_de_passe: [
    (p) => `Mot de passe ${p(SERVICES)} oublié : réinitialisation faite par ${p(PERSONS)}.`,
    (p) => `${p(PERSONS)} a changé son mot de passe ${p(SERVICES)} seule, elle l’a noté dans son carnet.`,
    (p) => `mdp ${p(SERVICES)} bloqué après 3 essais, rappeler le ${p(['lundi', 'mardi', 'jeudi'])}.`,
    (p) => `Le site ${p(SERVICES)} exige un mot de passe de 12 caractères avec un chiffre et un symbole.`,
    (p) => `Expliqué : ne jamais donner son mot de passe ${p(SERVICES)} au téléphone.`,
    (p) => `Mot de passe : à redemander à ${p(SERVICES)}, le lien a expiré.`,
    (p) => `Compte ${p(SERVICES)} créé ensemble, il a gardé son mot de passe pour lui.`,
    (p) => `Password oublié sur ${p(SERVICES)} ; on a utilisé FranceConnect.`,
    () => `Mdp : elle le connaît, pas besoin de le noter.`,
    (p) => `Mot de passe ${p(SERVICES)} changé le ${p(['12/03', '4 juin', '28/11'])}, tout fonctionne.`,
  ],
  faux_ami_code: [
    (p) => `Code postal ${p(['75011', '59000', '13003', '37000', '97300'])}, changement d’adresse fait sur ${p(SERVICES)}.`,
    (p) => `Code de la route : inscription à l’examen faite pour ${p(PERSONS)}.`,
    (p) => `${p(PERSONS)} a reçu le code par SMS et l’a saisi seule : autonome.`,
    (p) => `Pas de code confidentiel ${p(SERVICES)} : demande d’un nouveau code envoyée par courrier.`,
    (p) => `Le site demande un code à ${p(['4', '6', '8'])} chiffres par SMS mais son téléphone ne capte pas ici.`,
    () => `Code e-photo à demander au photographe pour l’ANTS.`,
    () => `Code NAF de l’employeur à retrouver sur la fiche de paie.`,
    () => `Code PIN de sa carte oublié : voir avec la banque, pas de notre ressort.`,
    () => `Code d’accès à l’immeuble en panne, bailleur prévenu.`,
    () => `Code promo de la SNCF pour les plus de 60 ans expliqué.`,
  ],
  faux_ami_numero: [
    (p) => `Numéro allocataire ${p(['2345678', '1029384', '7788990'])}, attestation de paiement imprimée.`,
    (p) => `Numéro SIRET de l’employeur : ${p(['123 456 789 00012', '552 100 554 00025', '40483304800022'])}.`,
    (p) => `Téléphone de ${p(ORGS)} : ${p(['32 30', '3646', '3939', '39 49'])}.`,
    (p) => `Carte Vitale perdue : déclaration de perte faite sur ameli par ${p(PERSONS)}.`,
    () => `Sa carte bancaire a été avalée par le distributeur, voir avec la banque.`,
    (p) => `RIB à apporter la prochaine fois pour ${p(ORGS)}.`,
    (p) => `IBAN demandé par ${p(ORGS)} : ${p(PERSONS)} le déposera dans le coffre-fort.`,
    (p) => `Numéro de sécurité sociale provisoire demandé pour son fils né en ${p(['mars', 'juin', 'octobre'])}.`,
    (p) => `Numéro fiscal à retrouver sur l’avis d’impôt, ${p(PERSONS)} l’apportera.`,
    (p) => `Facture ${p(['EDF', 'Engie', 'Veolia'])} n° ${p(['100234567', '5566778899', '30012345678'])} contestée, ${p(AMOUNTS)}.`,
    (p) => `Demande de logement social n° ${p(['0751224001234', '0593023005567'])} renouvelée.`,
    (p) => `Référence du dossier MDPH ${p(['2024/00123', '2025-04567'])}.`,
  ],
  faux_ami_identifiant: [
    (p) => `Identifiant ${p(SERVICES)} retrouvé sur un ancien courrier, il le garde chez lui.`,
    (p) => `Contact : ${p(EMAILS)} / ${p(PHONES)}`,
    (p) => `Adresse e-mail créée ensemble : ${p(EMAILS)}, mot de passe choisi par elle et non noté.`,
    (p) => `Son identifiant ${p(SERVICES)} est son adresse e-mail ; le mot de passe reste dans son carnet.`,
    (p) => `Question de ${p(PERSONS)} : comment déclarer ses revenus en ligne ? Réponse donnée, atelier proposé.`,
    (p) => `Réponse de ${p(ORGS)} attendue sous ${p(['8', '15', '30'])} jours.`,
    (p) => `${p(PERSONS)} a deux enfants de ${p(['trois', 'cinq', 'sept'])} et ${p(['neuf', 'onze', 'douze'])} ans.`,
    (p) => `Dette de ${p(['mille', 'cinq cents', 'deux mille'])} euros auprès de ${p(ORGS)}, plan d’apurement demandé.`,
    (p) => `E-mail de ${p(PERSONS)} : ${p(EMAILS)} (pour le suivi de l’orientation).`,
    (p) => `${p(ORGS)} / ${p(ORGS)} : deux démarches en parallèle, priorité au logement.`,
  ],
};

/** Nombre de notes par famille : assez pour dépasser 300 notes avec secret et 600 sans. */
const PER_FAMILY_WITH = 6;
const PER_FAMILY_WITHOUT = 12;

function build(families: Record<string, Family[]>, secret: boolean, perFamily: number, seed: number): CorpusNote[] {
  const random = seededRandom(seed);
  const pick: Pick = (list) => list[Math.floor(random() * list.length)]!;
  const notes: CorpusNote[] = [];
  for (const [category, list] of Object.entries(families))
    list.forEach((family, index) => {
      const half: Half = index % 2 === 0 ? 'developpement' : 'mesure';
      const seen = new Set<string>();
      for (let i = 0; i < perFamily * 4 && seen.size < perFamily; i++) seen.add(family(pick, random));
      for (const text of seen) notes.push({ text, secret, category, half });
    });
  return notes;
}

/** Faux amis écrits à la main en relisant les règles : ce qu'une règle trop large refuserait à tort. */
const HAND_WRITTEN_LOOKALIKES = [
  'Contact : awa.diop@gmail.com / 06 12 34 56 78',
  'SMS envoyé au 06 12 34 56 78 pour le rappel',
  'Le code a été envoyé au 06 12 34 56 78, elle l’a saisi seule',
  'Question personnelle : comment faire sa déclaration ?',
  'Question secrète : elle la connaît, rien noté',
  'Question secrète oubliée, il faut appeler la banque',
  'Réinitialisation du compte demandée le 12/03/2025',
  'Elle a choisi un mot de passe de 12 caractères',
  'Mot de passe France Connect 2FA activé',
  'Carte de séjour n° 7501234567 expire en 2026',
  'IBAN : à fournir par la banque',
  'BIC : AGRIFRPP',
  'Mdp : OK',
  'mdp caf = celui de ameli',
  'Mot de passe ANTS : demandé',
  'Code APE 8810A',
  'Numéro de carte Vitale à demander (formulaire S1106)',
  'CB refusée 3 fois, paiement par chèque de 86 euros',
  'Vérification d’identité faite 2 fois, code envoyé par courrier',
  'Activation du compte le 3 mars à 14 h 30',
  'identifiant : son e-mail / mot de passe : dans son carnet',
  'Mot de passe en MAJUSCULES refusé par le site, recommencé',
  'Elle habite au 4 rue Pasteur, code porte en panne',
  'Rendez-vous ameli le 12 mars à 9 h, numéro de dossier 2025-0042',
  'n° allocataire 1234567 / code postal 75011',
  'Il a un deux pièces au 3e étage',
  'Payé la facture de 1 245,50 € par CB',
  'Code de vérification non reçu : réseau absent',
  'Le site envoie un code de 6 chiffres valable 10 minutes',
  'Mot de passe changé le 12/03 avec elle',
  'Mdp oublié pour la 3e fois ce mois-ci',
  'Nouvelle carte bancaire reçue, code PIN arrivé par courrier séparé',
  'SMS de la CAF reçu le 14/11 : dossier complet',
  'Texto de France Travail : rendez-vous le 05/12 à 10h',
  'Il a noté son identifiant sur le carnet + la date de création du compte',
];

const ALL: readonly CorpusNote[] = [
  ...build(WITH, true, PER_FAMILY_WITH, 2026),
  ...build(WITHOUT, false, PER_FAMILY_WITHOUT, 1789),
  // Le premier corpus, écrit à la main avant ce découpage : il reste dans la moitié de développement.
  ...FIRST_WITH.map((text) => ({ text, secret: true, category: 'premier_corpus', half: 'developpement' as const })),
  ...FIRST_WITHOUT.map((text) => ({ text, secret: false, category: 'premier_corpus', half: 'developpement' as const })),
  ...HAND_WRITTEN_LOOKALIKES.map((text) => ({ text, secret: false, category: 'faux_ami_divers', half: 'developpement' as const })),
];

/** Une note écrite pareil des deux côtés ne compte qu'au développement : la mesure ne porte que sur du jamais vu. */
const developmentTexts = new Set(ALL.filter((n) => n.half === 'developpement').map((n) => n.text));
export const CORPUS: readonly CorpusNote[] = ALL.filter((n) => n.half === 'developpement' || !developmentTexts.has(n.text));

export const notesOf = (half: Half) => CORPUS.filter((note) => note.half === half);
