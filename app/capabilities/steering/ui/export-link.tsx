// Un lien d'export. Sans JavaScript, le navigateur télécharge le fichier lui-même. Avec JavaScript, le fichier est
// reçu au fil de l'eau et la progression est annoncée (lignes reçues sur le total attendu), puis enregistré.
import { useState, type MouseEvent, type ReactNode } from 'react';

export function ExportLink({
  href,
  filename,
  expectedLines,
  children,
}: {
  href: string;
  filename: string;
  expectedLines: number | null;
  children: ReactNode;
}) {
  const [progress, setProgress] = useState<string | null>(null);
  const download = async (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    setProgress('Préparation du fichier…');
    try {
      const response = await fetch(href);
      if (!response.ok || !response.body) throw new Error(String(response.status));
      const reader = response.body.getReader();
      const chunks: Uint8Array[] = [];
      let bytes = 0;
      let lines = 0;
      for (let next = await reader.read(); !next.done; next = await reader.read()) {
        chunks.push(next.value);
        bytes += next.value.length;
        for (const byte of next.value) if (byte === 10) lines++;
        setProgress(
          expectedLines
            ? `${Math.min(lines, expectedLines).toLocaleString('fr-FR')} lignes reçues sur ${expectedLines.toLocaleString('fr-FR')}…`
            : `${Math.round(bytes / 1024).toLocaleString('fr-FR')} Ko reçus…`,
        );
      }
      const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: response.headers.get('content-type') ?? undefined }));
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      link.click();
      URL.revokeObjectURL(url);
      setProgress(`Fichier prêt : ${Math.round(bytes / 1024).toLocaleString('fr-FR')} Ko.`);
    } catch {
      setProgress("L'export n'a pas abouti : réessayez, ou réduisez la période.");
    }
  };
  return (
    <>
      <a href={href} download onClick={download}>
        {children}
      </a>
      <span role="status" className="fr-text--sm fr-ml-1w">
        {progress}
      </span>
    </>
  );
}
