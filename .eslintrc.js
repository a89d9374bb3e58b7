/**
 * ESLint, half of `npm run lint` (the other half, the layering, is .dependency-cruiser.js).
 * Taro's own rule set, as `taro init` sets it up (eslint-config-taro: React, hooks, imports),
 * typescript-eslint's recommended rules for .ts/.tsx, and one import order everywhere.
 * ESLint 8 and its .eslintrc format because that is what Taro 4 and eslint-config-taro use.
 */
module.exports = {
  root: true,
  extends: ['taro/react'],
  env: { es2022: true },
  rules: {
    // tsconfig's "jsx": "react-jsx": JSX needs no React in scope.
    'react/jsx-uses-react': 'off',
    'react/react-in-jsx-scope': 'off',
    // One order, fixable with --fix: node builtins, packages, then our files from far to near,
    // no blank lines between. Not alphabetical within a group: the code groups related imports.
    'import/order': [
      'error',
      { groups: ['builtin', 'external', 'internal', 'parent', 'sibling', 'index'], 'newlines-between': 'never' },
    ],
  },
  overrides: [
    {
      files: ['**/*.ts', '**/*.tsx'],
      parser: '@typescript-eslint/parser',
      parserOptions: { ecmaVersion: 'latest', sourceType: 'module' },
      extends: ['plugin:@typescript-eslint/recommended'],
      rules: {
        // tsc's noUnusedLocals/noUnusedParameters convention: a leading _ marks a value left unused on purpose.
        '@typescript-eslint/no-unused-vars': [
          'error',
          { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
        ],
        // require() in TypeScript is @typescript-eslint/no-require-imports' to judge (the code's disable comments name it);
        // eslint-config-taro's import/no-commonjs would also flag a vm loader's `module.exports`.
        'import/no-commonjs': 'off',
      },
    },
    {
      // Code that runs in Node: its globals (process, __dirname, Buffer).
      files: ['cloudfunctions/**', 'scripts/**', 'test/**', 'config/**', '*.js'],
      env: { node: true },
    },
    {
      // Plain CommonJS files run by Node or jest as they are.
      files: ['*.js', 'test/**/*.js'],
      parserOptions: { sourceType: 'script', requireConfigFile: false },
      rules: { 'import/no-commonjs': 'off' },
    },
  ],
};
