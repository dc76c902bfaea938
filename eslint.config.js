// Lint de Relais : TypeScript strict, et les frontières de l'architecture comme règles (décision 013).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const DATABASE = {
  group: ['**/db/*', '**/db/**'],
  message: "Une route ne touche pas la base : elle appelle un cas d'usage de sa capacité (ARCHITECTURE §2).",
};
const HTTP_IN_CAPABILITY = {
  name: 'react-router',
  message: "Le HTTP reste dans les routes et dans platform/ : un cas d'usage rend une valeur, la route en fait une réponse.",
};
const CAPABILITY_FROM_PLATFORM = {
  group: ['**/capabilities/**'],
  message: "platform/ ne dépend d'aucune capacité : la capacité s'appuie sur la plateforme, jamais l'inverse.",
};

export default tseslint.config(
  { ignores: ['build/', '.react-router/', 'node_modules/', 'drizzle/', 'bench/results.json', 'data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    // Sans ces réglages, no-cycle ne suit aucun import TypeScript et ne signale rien.
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ alwaysTryTypes: true })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['app/capabilities/*/routes/**', 'app/ui/routes/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [DATABASE] }] },
  },
  {
    files: ['app/capabilities/**'],
    ignores: ['app/capabilities/*/routes/**', 'app/capabilities/*/ui/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [HTTP_IN_CAPABILITY] }] },
  },
  {
    // Les composants d'une capacité utilisent <Form> et <Link>, jamais les réponses HTTP.
    files: ['app/capabilities/*/ui/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ ...HTTP_IN_CAPABILITY, importNames: ['data', 'redirect', 'redirectDocument', 'replace', 'createCookie'] }] },
      ],
    },
  },
  {
    // Les vocabulaires nationaux sont neutres : ils ne dépendent d'aucune capacité.
    files: ['app/vocabulary/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ ...CAPABILITY_FROM_PLATFORM, message: 'app/vocabulary/ ne dépend d’aucune capacité.' }] },
      ],
    },
  },
  {
    files: ['app/platform/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [CAPABILITY_FROM_PLATFORM] }] },
  },
  {
    files: ['bin/**', 'scripts/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', 'test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  prettier,
);
