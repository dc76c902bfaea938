// Communes et codes postaux du découpage administratif officiel (@etalab/decoupage-administratif),
// chargés une fois à la première demande.
import { createRequire } from 'node:module';
import { fold } from '../../platform/text';

export interface Commune {
  code: string;
  nom: string;
}

let byPostalCode: Map<string, Commune[]> | null = null;

function index() {
  if (byPostalCode) return byPostalCode;
  const require = createRequire(import.meta.url);
  const communes = require('@etalab/decoupage-administratif/data/communes.json') as Array<{
    code: string;
    nom: string;
    type: string;
    codesPostaux?: string[];
  }>;
  byPostalCode = new Map();
  for (const commune of communes) {
    if (commune.type !== 'commune-actuelle') continue;
    for (const postalCode of commune.codesPostaux ?? []) {
      const list = byPostalCode.get(postalCode) ?? [];
      list.push({ code: commune.code, nom: commune.nom });
      byPostalCode.set(postalCode, list);
    }
  }
  return byPostalCode;
}

export const communesFor = (postalCode: string) => index().get(postalCode) ?? [];

/**
 * La commune de ce nom dans le département d'un code postal : un code CEDEX (37911) ne désigne aucune commune,
 * mais son département et le nom écrit à côté suffisent. Null si le nom ne s'y trouve pas, ou s'y trouve deux fois.
 */
export function communeInDepartmentOf(postalCode: string, name: string): Commune | null {
  const wanted = fold(name)
    .replace(/[\s'-]+/g, ' ')
    .trim();
  if (!wanted || !/^\d{5}$/.test(postalCode)) return null;
  const found = new Map<string, Commune>();
  for (const [code, communes] of index())
    if (code.slice(0, 2) === postalCode.slice(0, 2))
      for (const commune of communes)
        if (
          fold(commune.nom)
            .replace(/[\s'-]+/g, ' ')
            .trim() === wanted
        )
          found.set(commune.code, commune);
  return found.size === 1 ? [...found.values()][0]! : null;
}

export type CommuneResolution =
  { ok: true; commune: Commune | null } | { ok: false; field: 'postalCode' | 'commune'; message: string; options?: Commune[] };

/** Code postal et nom saisis → la commune officielle ; une seule commune pour ce code suffit sans nom. */
export function resolveCommune(postalCode: string | null, name: string | null): CommuneResolution {
  if (!postalCode)
    return name ? { ok: false, field: 'postalCode', message: 'Indiquez aussi le code postal.' } : { ok: true, commune: null };
  const candidates = communesFor(postalCode);
  if (candidates.length === 0) return { ok: false, field: 'postalCode', message: "Ce code postal n'existe pas. Vérifiez les 5 chiffres." };
  if (!name && candidates.length === 1) return { ok: true, commune: candidates[0]! };
  const wanted = fold(name ?? '')
    .replace(/[\s'-]+/g, ' ')
    .trim();
  const match = candidates.find(
    (c) =>
      fold(c.nom)
        .replace(/[\s'-]+/g, ' ')
        .trim() === wanted,
  );
  if (match) return { ok: true, commune: match };
  return {
    ok: false,
    field: 'commune',
    message: `Choisissez la commune parmi celles du ${postalCode} : ${candidates.map((c) => c.nom).join(', ')}.`,
    options: candidates,
  };
}
