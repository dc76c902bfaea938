// Un événement de l'historique d'une personne, tel qu'il arrive dans la page : sa date déjà écrite en français.
export type Displayed<E extends { at: Date }> = E extends unknown ? Omit<E, 'at'> & { at: string } : never;

/** L'étiquette DSFR qui dit de quelle capacité vient un événement. */
export function TimelineBadge({ tone, children }: { tone?: 'info' | 'warning' | 'success'; children: string }) {
  return <span className={`fr-badge fr-badge--sm${tone ? ` fr-badge--${tone}` : ''} fr-mr-1w`}>{children}</span>;
}
