import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'tools/',
      '.data/',
      'coverage/',
      'dist/',
      // The console's build output (Vite), made on install, start and test.
      'console/dist/',
      'jest.config.js',
      // Plain CommonJS postinstall scripts (they run before anything is compiled).
      'scripts/*.js',
      '.dependency-cruiser.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The console (React): the rules of hooks, and no state set synchronously in an effect.
    files: ['console/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
);
