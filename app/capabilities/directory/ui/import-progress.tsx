// Avec JavaScript, l'import montre sa progression : envoi du fichier (pourcentage réel, XMLHttpRequest), puis
// vérification des lignes, puis le rapport. Sans JavaScript, le formulaire part normalement.
import { useEffect, useRef, useState } from 'react';
import type { ImportReport } from '../import-places.server';
import { tooLargeMessage } from '../import-limits';
import { ImportReportView } from './import-report';

type Step =
  | { kind: 'idle' }
  | { kind: 'sending'; percent: number }
  | { kind: 'checking' }
  | { kind: 'done'; report: ImportReport }
  | { kind: 'failed'; message: string };

export function ImportWithProgress({ maxBytes, children }: { maxBytes: number; children: React.ReactNode }) {
  const wrapper = useRef<HTMLDivElement>(null);
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const form = wrapper.current?.querySelector('form');
    if (!form) return;
    const onSubmit = (event: SubmitEvent) => {
      event.preventDefault();
      event.stopImmediatePropagation();
      const file = (form.elements.namedItem('fichier') as HTMLInputElement).files?.[0];
      if (!file) return setStep({ kind: 'done', report: { ok: false, error: 'Choisissez un fichier CSV ou JSON au format national.' } });
      if (file.size > maxBytes) return setStep({ kind: 'done', report: { ok: false, error: tooLargeMessage(file.size) } });
      const request = new XMLHttpRequest();
      request.open('POST', '/lieux/importer/envoi');
      request.responseType = 'json';
      request.upload.onprogress = (e) =>
        e.lengthComputable && setStep({ kind: 'sending', percent: Math.round((e.loaded / e.total) * 100) });
      request.upload.onload = () => setStep({ kind: 'checking' });
      request.onload = () =>
        request.response && typeof request.response === 'object' && 'ok' in request.response
          ? setStep({ kind: 'done', report: request.response as ImportReport })
          : setStep({ kind: 'failed', message: `L'import n'a pas abouti (erreur ${request.status}). Rechargez la page puis recommencez.` });
      request.onerror = () =>
        setStep({ kind: 'failed', message: "La connexion a été interrompue pendant l'envoi. Vérifiez le réseau puis recommencez." });
      setStep({ kind: 'sending', percent: 0 });
      request.send(new FormData(form));
    };
    // Capture : l'envoi avec progression passe avant celui de React Router.
    form.addEventListener('submit', onSubmit, { capture: true });
    setReady(true);
    return () => form.removeEventListener('submit', onSubmit, { capture: true });
  }, [maxBytes]);

  return (
    <div ref={wrapper} data-progression={ready ? 'active' : undefined}>
      {children}
      <div role="status" aria-live="polite" className="fr-mt-2w">
        {step.kind === 'sending' && (
          <p>
            <label htmlFor="progression-envoi">Envoi du fichier : {step.percent} %</label>{' '}
            <progress id="progression-envoi" max={100} value={step.percent} />
          </p>
        )}
        {step.kind === 'checking' && <p>Fichier reçu : vérification des lignes et import en cours…</p>}
        {step.kind === 'failed' && <p className="fr-error-text">{step.message}</p>}
      </div>
      {step.kind === 'done' && <ImportReportView report={step.report} />}
    </div>
  );
}
