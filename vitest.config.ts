import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * RELAIS_E2E=mode-serveur (la seconde phase de la CI, décision 031) : les parcours qui éprouvent ce qui diffère d'une
 * base à l'autre — concurrence et verrous, LISTEN/NOTIFY, changement de rôle (habitant, partenaire), arrêt brutal,
 * deux instances. Les autres parcours passent le même SQL que la première phase ; les tests de base passent tous.
 */
const SERVER_MODE_JOURNEYS = [
  'e2e/instances.test.ts',
  'e2e/arret-brutal.test.ts',
  'e2e/file-attente.test.ts',
  'e2e/rendez-vous.test.ts',
  'e2e/portail.test.ts',
  'e2e/orientations.test.ts',
  'e2e/coffre-partage.test.ts',
];
const journeys = process.env.RELAIS_E2E === 'mode-serveur' ? SERVER_MODE_JOURNEYS : ['e2e/**/*.test.ts'];

export default defineConfig({
  test: {
    env: { TZ: 'Europe/Paris' },
    // Vitest prend par défaut un processus de moins que de cœurs : un seul sur les deux cœurs de la CI, où les tests
    // de base passaient alors un par un (13 min au lieu de 11). Les parcours e2e restent dans un seul processus.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: {
          name: 'unit',
          include: ['app/**/*.test.{ts,tsx}', 'cli/**/*.test.ts', 'server/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          setupFiles: ['test/setup.ts'],
          pool: 'forks',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: journeys,
          globalSetup: ['e2e/global-setup.ts'],
          setupFiles: ['test/setup.ts'],
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
          // Un parcours qui passe axe sur chaque page dure 40 à 50 s sur deux cœurs ; chargés, il a dépassé 60 s (vu en CI).
          testTimeout: 150_000,
          hookTimeout: 120_000,
          // 1 s par défaut : trop court pour une page servie par une CI à deux cœurs chargés (échec vu en CI).
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
