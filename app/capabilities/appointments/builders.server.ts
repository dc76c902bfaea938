// Constructeur de plages partagé par les tests : du lundi au vendredi, 9 h – 12 h, à partir du lundi 7 décembre 2026
// (le jour où se placent les horloges des tests de rendez-vous), sans fin.
import type { RangeInput } from './ranges';

export const weekdayMornings = (agentId: string, siteId: string, motifIds: string[]): RangeInput => ({
  agentId,
  siteId,
  motifIds,
  frequency: 'hebdomadaire',
  interval: 1,
  weekdays: [0, 1, 2, 3, 4],
  nth: null,
  firstDay: '2026-12-07',
  lastDay: null,
  startTime: '09:00',
  endTime: '12:00',
});
