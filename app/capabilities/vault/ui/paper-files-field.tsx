// Le champ des fichiers d'un papier (côté agent) : plusieurs fichiers réunis en un PDF, et, au besoin, la photo prise
// par l'appareil du poste (`capture`). L'erreur, sous le champ, est reliée par aria-describedby.
import type { ReactNode } from 'react';

export const ACCEPTED_FILES = 'application/pdf,image/jpeg,image/png,image/heic,image/heif,.heic';

export function PaperFilesField({ label, hint, error, photo }: { label: string; hint: ReactNode; error?: string; photo?: boolean }) {
  return (
    <div className={`fr-upload-group fr-input-group${error ? ' fr-input-group--error' : ''}`}>
      <label className="fr-label" htmlFor="fichiers">
        {label}
        <span className="fr-hint-text" id="fichiers-aide">
          {hint}
        </span>
      </label>
      <input
        className="fr-upload"
        type="file"
        id="fichiers"
        name="fichiers"
        multiple
        accept={ACCEPTED_FILES}
        aria-describedby={`fichiers-aide${error ? ' fichiers-erreur' : ''}`}
        aria-invalid={error ? true : undefined}
      />
      {photo && (
        <>
          <label className="fr-label fr-mt-2w" htmlFor="photo">
            Ou prendre le papier en photo
            <span className="fr-hint-text">Sur un téléphone ou une tablette, l'appareil photo s'ouvre.</span>
          </label>
          <input className="fr-upload" type="file" id="photo" name="fichiers" accept="image/*" capture="environment" />
        </>
      )}
      {error && (
        <p className="fr-error-text" id="fichiers-erreur">
          {error}
        </p>
      )}
    </div>
  );
}
