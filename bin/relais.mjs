#!/usr/bin/env node
// `npx relais <commande>` : charge la CLI TypeScript par tsx (aucune compilation préalable).
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../cli/main.ts');
process.exitCode = await run(process.argv.slice(2));
