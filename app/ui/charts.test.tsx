// L'axe du temps d'un graphique : sur un téléphone, un libellé sur k s'étend sur ses voisins cachés ; aucun ne doit
// sortir du graphique à droite (l'avant-dernier montré le faisait quand k ≥ 4).
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ColumnChart } from './charts';

const axisClasses = (labels: string[]) => {
  const html = renderToStaticMarkup(
    <ColumnChart id="test" title="Test" summary="Résumé" data={labels.map((label, i) => ({ label, value: i + 1 }))} />,
  );
  const axis = html.slice(html.indexOf('class="relais-axis"'));
  return [...axis.matchAll(/<li class="([^"]*)"/g)].map((m) => m[1]!);
};

describe('axe du temps', () => {
  // Dix périodes aux libellés de 16 caractères : un sur quatre sur un téléphone, un sur deux sur un ordinateur.
  const labels = Array.from({ length: 10 }, (_, i) => `periode-${String(i).padStart(8, '0')}`);
  const classes = axisClasses(labels);

  it('montre un libellé sur quatre sur un téléphone, un sur deux au-delà', () => {
    expect(classes.every((c) => c.includes('relais-axis--n4') && c.includes('relais-axis--w2'))).toBe(true);
    const onPhone = classes.map((c, i) => (c.includes('--hidden') || c.includes('--wide-only') ? null : i)).filter((i) => i !== null);
    expect(onPhone).toEqual([0, 4]);
  });

  it("ne montre pas un libellé qui sortirait à droite (le 9e de 10, étendu sur 4 cases) ; le dernier s'aligne à droite", () => {
    expect(classes[8]).toContain('relais-axis--wide-only');
    const onDesktop = classes.map((c, i) => (c.includes('--hidden') ? null : i)).filter((i) => i !== null);
    expect(onDesktop).toEqual([0, 2, 4, 6, 8]);
  });
});
