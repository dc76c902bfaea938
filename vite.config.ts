import { reactRouter } from '@react-router/dev/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [reactRouter()],
  build: { sourcemap: false },
  // Le serveur de production résout ces paquets dans node_modules (natifs ou WebAssembly).
  ssr: {
    external: ['@electric-sql/pglite', '@node-rs/argon2', 'pg'],
    // rrule est publié en CommonJS pour Node (ses exports nommés y manquent) : Vite prend sa version ESM dans le paquet.
    noExternal: ['rrule'],
  },
});
