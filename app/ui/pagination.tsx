import { Link } from 'react-router';

/** Pagination DSFR par liens (fonctionne sans JavaScript) ; `href` construit l'adresse d'une page. */
export function Pagination({
  page,
  hasNext,
  href,
  label,
}: {
  page: number;
  hasNext: boolean;
  href: (page: number) => string;
  label: string;
}) {
  return (
    <nav role="navigation" className="fr-pagination" aria-label={label}>
      <ul className="fr-pagination__list">
        <li>
          {page > 1 && (
            <Link className="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label" to={href(page - 1)}>
              Page précédente
            </Link>
          )}
        </li>
        <li>
          {hasNext && (
            <Link className="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label" to={href(page + 1)}>
              Page suivante
            </Link>
          )}
        </li>
      </ul>
    </nav>
  );
}
