import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const services = ['gateway', 'session', 'payment-watcher', 'webhook-dispatcher', 'dashboard-api', 'web'];

// A service never imports another service: every service folder is a zone that
// may not reach into its siblings.
const serviceZones = services.map((name) => ({
  target: `./services/${name}`,
  from: './services',
  except: [`./${name}`],
  message: 'A service never imports another service; share through libs/ or an event.',
}));

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/gen/**',
      '.opencheckout/**',
      'services/web/build/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: serviceZones }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-console': 'error',
    },
  },
  {
    // The domain is pure: no framework, ORM, driver, chain client or clock.
    files: ['services/*/src/domain/**/*.ts', 'libs/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*', 'typeorm', 'pg', '@nats-io/*', 'viem', 'viem/*', 'fastify'], message: 'domain/ imports no framework, ORM, driver or chain client.' },
            { group: ['**/infra/**', '**/api/**', '**/app/**'], message: 'domain/ depends on nothing outside itself.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Time enters the domain as an argument.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time enters the domain as an argument.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Randomness enters the domain as an argument.' },
      ],
    },
  },
  {
    files: ['scripts/**/*.{js,mjs,ts}', 'e2e/**/*.ts', '**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'libs/testing/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', fetch: 'readonly' } },
  },
);
