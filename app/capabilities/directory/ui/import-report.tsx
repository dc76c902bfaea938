// Le rapport d'un import : ce qui est entré, ce qui est refusé ligne par ligne et colonne par colonne.
// Rendu par la page après un envoi sans JavaScript, et par l'envoi avec progression (même composant).
import { useId } from 'react';
import { Notice } from '../../../ui/form';
import type { ImportReport, LineIssue } from '../import-places.server';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;

function Issues({ title, issues, unit }: { title: string; issues: LineIssue[]; unit: string }) {
  const id = useId();
  if (issues.length === 0) return null;
  return (
    <section aria-labelledby={id} className="fr-mt-3w">
      <h3 className="fr-h6" id={id}>
        {title}
      </h3>
      <div className="fr-table relais-table-wrap">
        {/* Focusable : sur un téléphone, le tableau défile horizontalement (au clavier aussi). */}
        <table tabIndex={0} aria-labelledby={id}>
          <thead>
            <tr>
              <th scope="col">{unit}</th>
              <th scope="col">Lieu</th>
              <th scope="col">Colonne</th>
              <th scope="col">À corriger</th>
            </tr>
          </thead>
          <tbody>
            {issues.slice(0, 500).map((issue, index) => (
              <tr key={`${issue.line}-${issue.column}-${index}`}>
                <td>{issue.line}</td>
                <td>{issue.name ?? '—'}</td>
                <td>{issue.column ? `${issue.label} (${issue.column})` : '—'}</td>
                <td>{issue.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {issues.length > 500 && (
        <p>… et {plural(issues.length - 500, 'autre', 'autres')} : corrigez d'abord celles-ci, puis importez de nouveau.</p>
      )}
    </section>
  );
}

export function ImportReportView({ report }: { report: ImportReport }) {
  if (!report.ok)
    return (
      <Notice kind="error" title="Fichier refusé">
        {report.error}
      </Notice>
    );
  const unit = report.format === 'csv' ? 'Ligne' : 'Lieu n°';
  const kind = report.rejected === 0 ? 'success' : report.created + report.updated > 0 ? 'warning' : 'error';
  return (
    <section aria-labelledby="rapport" className="fr-mt-4w">
      <div className={`fr-alert fr-alert--${kind}`} role="status">
        <h2 className="fr-alert__title" id="rapport">
          {plural(report.total, 'lieu lu', 'lieux lus')} : {plural(report.created, 'créé', 'créés')},{' '}
          {plural(report.updated, 'mis à jour', 'mis à jour')}, {plural(report.rejected, 'refusé', 'refusés')}
        </h2>
        {report.rejected > 0 && (
          <p>
            Les lieux refusés n'ont rien écrit. Corrigez-les dans le fichier, puis importez-le de nouveau : les lieux déjà importés seront
            mis à jour, sans doublon.
          </p>
        )}
      </div>
      {report.ignoredColumns.length > 0 && (
        <p className="fr-mt-2w">Colonnes ignorées (absentes du schéma national) : {report.ignoredColumns.join(', ')}.</p>
      )}
      <Issues title="Erreurs" issues={report.errors} unit={unit} />
      <Issues title="Avertissements (lieux importés)" issues={report.warnings} unit={unit} />
    </section>
  );
}
