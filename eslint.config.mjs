import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['node_modules/', 'build/', 'out/', 'coverage/', 'bench-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // The domain is pure: no Apps Script service may be reached from it.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...[
          'SpreadsheetApp',
          'FormApp',
          'MailApp',
          'GmailApp',
          'ScriptApp',
          'PropertiesService',
          'LockService',
          'CacheService',
          'Session',
          'Utilities',
          'HtmlService',
          'Logger',
          'DriveApp',
        ].map((name) => ({ name, message: 'src/domain is pure: pass data in from a workspace adapter.' })),
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/workspace/**', '**/handlers/**'], message: 'The domain never imports an adapter.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
