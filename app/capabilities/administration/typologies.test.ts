import { Typologie } from '@gouvfr-anct/lieux-de-mediation-numerique';
import { describe, expect, it } from 'vitest';
import { TYPOLOGY_LABELS } from './typologies';

describe('libellés des typologies nationales', () => {
  it('couvre exactement les typologies de la bibliothèque officielle', () => {
    expect(Object.keys(TYPOLOGY_LABELS).sort()).toEqual(Object.values(Typologie).sort());
  });

  it('affiche des libellés corrigés et distincts (le code officiel reste la valeur enregistrée)', () => {
    const labels = Object.values(TYPOLOGY_LABELS);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels.filter((label) => /\bdef\b|publique numérique| {2}| -| [A-Z][a-zé]+ [A-Z][a-zé]+ [A-Z]/.test(label))).toEqual([]);
    expect(TYPOLOGY_LABELS.EPN).toBe('Espace public numérique');
  });
});
