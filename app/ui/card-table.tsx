// Un tableau d'actions qui se lit en fiches sur un téléphone (.relais-cards, app.css) : une ligne par fiche, chaque
// cellule précédée de sa colonne. Passées en `display: block`, les balises de tableau perdent leur rôle pour
// Chromium et Safari (un lecteur d'écran n'y voit plus ni lignes ni colonnes) : les rôles explicites le leur rendent.
import type { ReactNode } from 'react';

export function CardTable({
  caption,
  columns,
  cards = true,
  children,
}: {
  caption: ReactNode;
  columns: string[];
  /** Faux pour un tableau toujours affiché en tableau (l'écran d'accueil en continu). */
  cards?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={`fr-table relais-table-wrap${cards ? ' relais-cards' : ''}`}>
      {/* Focusable : le tableau défile horizontalement sur un écran moyen (accessible au clavier). */}
      <table tabIndex={0} role="table">
        <caption>{caption}</caption>
        <thead role="rowgroup">
          <tr role="row">
            {columns.map((column) => (
              <th key={column} scope="col" role="columnheader">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup">{children}</tbody>
      </table>
    </div>
  );
}

export function CardRow({ children }: { children: ReactNode }) {
  return <tr role="row">{children}</tr>;
}

/** Une cellule ; `label` la précède en fiche (inutile pour la première, le titre de la fiche, et pour les boutons). */
export function CardCell({ label, header = false, children }: { label?: string; header?: boolean; children: ReactNode }) {
  return header ? (
    <th scope="row" role="rowheader">
      {children}
    </th>
  ) : (
    <td role="cell" data-label={label}>
      {children}
    </td>
  );
}
