// @socialgouv/jours-feries n'a pas de types : les jours fériés d'une année, nom → date (minuit, heure du processus).
declare module '@socialgouv/jours-feries' {
  export default function joursFeries(year: number, options?: { alsace?: boolean }): Record<string, Date>;
}
