// Les limites d'un import de l'annuaire, partagées par le serveur et par le navigateur (contrôle avant l'envoi).
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_PLACES = 20_000;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;

export const tooLargeMessage = (bytes: number) =>
  `Le fichier pèse ${megabytes(bytes)} : la limite est de ${megabytes(MAX_IMPORT_BYTES)}. Découpez-le en plusieurs fichiers.`;
