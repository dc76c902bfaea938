import { describe, expect, it } from 'vitest';
import { ofName } from './text';

describe('élision devant un nom', () => {
  it.each([
    ['Élodie Martin', "d'Élodie Martin"],
    ['Inès', "d'Inès"],
    ['Karim Haddad', 'de Karim Haddad'],
    ['Yasmine', "d'Yasmine"],
    ['la personne', 'de la personne'],
  ])('%s', (name, expected) => expect(ofName(name)).toBe(expected));
});
