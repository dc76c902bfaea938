import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // Chaque capacité tient ses tables ; la plateforme, les siennes.
  schema: ['./app/platform/schema.ts', './app/capabilities/*/schema.ts'],
  out: './drizzle',
});
