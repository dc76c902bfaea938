// Le fichier envoyé par le formulaire d'import (sans JavaScript, ou avec la barre de progression).
import type { Agent } from '../../platform/authorize.server';
import type { Services } from '../../platform/services.server';
import { importPlaces, type ImportReport } from './import-places.server';

export const NO_FILE = 'Choisissez un fichier CSV ou JSON au format national.';

export async function importFromForm(services: Services, agent: Agent, form: FormData): Promise<ImportReport> {
  const file = form.get('fichier');
  if (!(file instanceof File) || (file.size === 0 && file.name === '')) return { ok: false, error: NO_FILE };
  return importPlaces(services.database, agent, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
}
