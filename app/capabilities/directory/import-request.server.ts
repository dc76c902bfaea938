// Le fichier envoyé par le formulaire d'import (sans JavaScript, ou avec la barre de progression).
import type { Agent } from '../../platform/authorize.server';
import { importPlaces, type ImportReport } from './import-places.server';
import type { RequestContext } from '../../platform/request.server';

export const NO_FILE = 'Choisissez un fichier CSV ou JSON au format national.';

export async function importFromForm(ctx: RequestContext<Agent>, form: FormData): Promise<ImportReport> {
  const file = form.get('fichier');
  if (!(file instanceof File) || (file.size === 0 && file.name === '')) return { ok: false, error: NO_FILE };
  return importPlaces(ctx, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
}
