// Le secret statistique tient face à quelqu'un qui lit le fichier publié et soustrait : l'attaque est écrite ici,
// et doit retrouver des cases sans le secret complémentaire, aucune avec.
import { describe, expect, it } from 'vitest';
import { MINIMUM_PERSONS, openDataLine, protectCells, type OpenDataCell } from './open-data';

/** Ce que ferait un lecteur du fichier : total du mois lu sur une dimension sans case masquée, puis soustraction. */
function recoverHiddenCells(lines: string[][]) {
  const months = new Map<string, Map<string, string[][]>>();
  for (const line of lines) {
    const [month, dimension] = line as [string, string];
    const dims = months.get(month) ?? new Map<string, string[][]>();
    dims.set(dimension, [...(dims.get(dimension) ?? []), line]);
    months.set(month, dims);
  }
  const recovered: string[] = [];
  for (const [month, dims] of months) {
    const complete = [...dims.values()].find((rows) => rows.every((r) => r[4] === 'non'));
    if (!complete) continue;
    const total = complete.reduce((sum, r) => sum + Number(r[3]), 0);
    for (const [dimension, rows] of dims) {
      const hidden = rows.filter((r) => r[4] === 'oui');
      const rest = total - rows.filter((r) => r[4] === 'non').reduce((sum, r) => sum + Number(r[3]), 0);
      // Une seule case masquée : elle vaut le reste. Autant de masquées que le reste : chacune vaut 1.
      if (hidden.length === 1 || (hidden.length > 1 && rest === hidden.length))
        recovered.push(...hidden.map((r) => `${month} ${dimension} ${r[2]}`));
    }
  }
  return recovered;
}

/** Deux ans de mois réalistes : quelques grosses cases, beaucoup de petites (générateur déterministe). */
function realisticCells(seed: number): OpenDataCell[] {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const dims = {
    thematique: ['caf', 'impots', 'sante', 'emploi', 'logement', 'identite', 'retraite', 'non_renseigne'],
    niveau: ['urgence', 'inclusion', 'montee_en_competences'],
    mode: ['fait_a_la_place', 'fait_avec', 'forme', 'oriente'],
    resultat: ['abouti', 'en_cours', 'oriente', 'abandonne'],
  } as const;
  const cells: OpenDataCell[] = [];
  for (let m = 0; m < 24; m++) {
    const month = `${2025 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    const total = 20 + Math.floor(random() * 300);
    for (const [dimension, values] of Object.entries(dims) as Array<[OpenDataCell['dimension'], readonly string[]]>) {
      // Une répartition très inégale : la première valeur prend l'essentiel, les autres des miettes.
      const weights = values.map((_, i) => (i === 0 ? 8 : random() * (i < 3 ? 3 : 0.15)));
      const sum = weights.reduce((a, b) => a + b, 0);
      let left = total;
      values.forEach((value, i) => {
        const count = i === values.length - 1 ? left : Math.min(left, Math.round((weights[i]! / sum) * total));
        left -= count;
        if (count > 0) cells.push({ month, dimension, value, count, persons: Math.max(1, Math.round(count * (0.6 + random() * 0.4))) });
      });
    }
  }
  return cells;
}

describe('données ouvertes : secret statistique', () => {
  it('sans secret complémentaire, la soustraction retrouve des cases ; avec, aucune', () => {
    for (const seed of [1, 7, 42, 2026]) {
      const cells = realisticCells(seed);
      const primaryOnly = cells.map((c) => openDataLine({ ...c, hidden: c.persons < MINIMUM_PERSONS }));
      expect(recoverHiddenCells(primaryOnly).length).toBeGreaterThan(0);
      const published = protectCells(cells).map(openDataLine);
      expect(recoverHiddenCells(published)).toEqual([]);
    }
  });

  it('masque toute case de moins de 5 personnes, et ne masque pas ce qui ne le demande pas', () => {
    const cells = realisticCells(3);
    const published = protectCells(cells);
    expect(published.filter((c) => c.persons < MINIMUM_PERSONS).every((c) => c.hidden)).toBe(true);
    // Une dimension sans petite case reste entière.
    const month: OpenDataCell[] = [
      { month: '2026-01', dimension: 'mode', value: 'fait_avec', count: 30, persons: 25 },
      { month: '2026-01', dimension: 'mode', value: 'forme', count: 12, persons: 9 },
    ];
    expect(protectCells(month).map((c) => c.hidden)).toEqual([false, false]);
    // Une seule petite case : la plus petite des autres est masquée avec elle.
    const one = protectCells([...month, { month: '2026-01', dimension: 'mode', value: 'oriente', count: 2, persons: 2 }]);
    expect(one.map((c) => c.hidden)).toEqual([false, true, true]);
    // Deux cases masquées qui ne peuvent valoir que 1 : une troisième les rejoint.
    const ones = protectCells([
      ...month,
      { month: '2026-01', dimension: 'mode', value: 'oriente', count: 1, persons: 1 },
      { month: '2026-01', dimension: 'mode', value: 'fait_a_la_place', count: 1, persons: 1 },
    ]);
    expect(ones.filter((c) => c.hidden).map((c) => c.value)).toEqual(['forme', 'oriente', 'fait_a_la_place']);
  });
});
