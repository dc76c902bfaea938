import { Typologie } from '@gouvfr-anct/lieux-de-mediation-numerique';
import { describe, expect, it } from 'vitest';
import { TYPOLOGY_LABELS } from './typologies';

describe('libellés des typologies nationales', () => {
  it('couvre exactement les typologies de la bibliothèque officielle', () => {
    expect(Object.keys(TYPOLOGY_LABELS).sort()).toEqual(Object.values(Typologie).sort());
  });
});
