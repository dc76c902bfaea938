// Toute console.error pendant un test le fait échouer (docs/architecture.md, « Tests »).
import { afterEach, beforeEach, vi } from 'vitest';

let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  if (errors.length > 0) throw new Error(`console.error appelé pendant le test : ${errors.map((e) => e.join(' ')).join('\n')}`);
});
