/**
 * The layering, half of `npm run lint` (the other half is ESLint, .eslintrc.js). README "Where
 * things are" has the tree these rules keep:
 *
 *   types/                        the contract both sides share
 *   src/                          the app: pages → components/hooks → services → types
 *   cloudfunctions/<fn>/          index.ts (CloudBase entry) + handler.ts
 *   cloudfunctions/core/platform/ port, runtime, cloudbase-main, adapters/ (the only SDK/SQLite/mingo code)
 *   cloudfunctions/core/domain/   pure rules
 *   cloudfunctions/core/app/      use cases through the port, one query module per collection
 *   cloudfunctions/core/files/    bytes ↔ rows
 *
 * Type-only imports count (tsPreCompilationDeps): a type pulled from the port still ties a
 * module to it. Tests and scripts may import anything.
 */
const OURS = '^(types|src|cloudfunctions|scripts|test|config)/';
/** The packages that do I/O or hold a database; only the adapters may load them. */
const STORE_PACKAGES = 'node_modules/(@cloudbase/|better-sqlite3/|mingo/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'types-imports-nothing-of-ours',
      comment:
        'types/ is the contract the app and the functions both compile against; anything of ours it imported would ship to the phone and bind the contract to one side.',
      severity: 'error',
      from: { path: '^types/' },
      to: { path: OURS, pathNot: '^types/' },
    },
    {
      name: 'phone-code-has-no-node-builtins',
      comment: 'src/ and types/ run in the WeChat mini-program and the browser, where fs, path, crypto and the rest do not exist.',
      severity: 'error',
      from: { path: '^(src|types)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'src-not-cloudfunctions',
      comment:
        'The app reaches the functions only through services/backend.ts and the wire; importing their code would ship server code in the mini-program. What both need belongs in types/.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(cloudfunctions|scripts|test)/' },
    },
    {
      name: 'domain-imports-only-types-and-domain',
      comment:
        'core/domain/ is the pure rules, testable without a store: it may use types/, its own files and pure npm libraries, never the port, an adapter, a use case, a file codec or a handler.',
      severity: 'error',
      from: { path: '^cloudfunctions/core/domain/' },
      to: { path: OURS, pathNot: ['^types/', '^cloudfunctions/core/domain/'] },
    },
    {
      name: 'domain-does-no-io',
      comment: 'core/domain/ is pure: no file system, network or process modules. node:crypto stays allowed: hashing a 编号 into an id is a pure function.',
      severity: 'error',
      from: { path: '^cloudfunctions/core/domain/' },
      to: { dependencyTypes: ['core'], pathNot: '^(node:)?crypto$' },
    },
    {
      name: 'files-not-app-nor-adapters',
      comment:
        'core/files/ turns bytes into rows and back (xlsx, csv, docx); it holds no store and no use case, so the CLIs, the functions and the tests can all feed it bytes.',
      severity: 'error',
      from: { path: '^cloudfunctions/core/files/' },
      to: { path: '^cloudfunctions/core/(app/|platform/adapters/|platform/cloudbase-main)' },
    },
    {
      name: 'app-through-the-port',
      comment:
        'Use cases reach the store only through the port, so the same use case runs on CloudBase, the embedded store and the stand-in; which adapter is chosen is platform/runtime\'s business.',
      severity: 'error',
      from: { path: '^cloudfunctions/core/app/' },
      to: { path: '^cloudfunctions/core/platform/(?!port\\.ts$)' },
    },
    {
      name: 'core-not-functions',
      comment: 'core/ sits below the functions: a core module that imported a handler or the registry would make the layers a cycle.',
      severity: 'error',
      from: { path: '^cloudfunctions/core/' },
      to: { path: '^cloudfunctions/(registry\\.ts$|(?!core/)[^/]+/)' },
    },
    {
      name: 'function-not-another-function',
      comment:
        'Each cloudfunctions/<fn>/ is deployed as its own bundle; one importing another drags that function into its bundle and hides a shared rule in a handler. Shared work goes in core/app/.',
      severity: 'error',
      from: { path: '^cloudfunctions/((?!core/)[^/]+)/' },
      to: { path: '^cloudfunctions/(registry\\.ts$|(?!core/)[^/]+/)', pathNot: '^cloudfunctions/$1/' },
    },
    {
      name: 'handler-through-app',
      comment:
        'A handler parses, names the caller and calls one use case: collection names and filters live in core/app/queries/, so a handler never needs the port or an adapter (its index.ts loads cloudbase-main).',
      severity: 'error',
      from: { path: '^cloudfunctions/(?!core/)[^/]+/handler\\.ts$' },
      to: { path: '^cloudfunctions/core/platform/(?!runtime\\.ts$)' },
    },
    {
      name: 'only-adapters-touch-the-store-packages',
      comment:
        'The CloudBase SDK, SQLite and mingo are behind the port: only platform/adapters/ (and cloudbase-main, the CloudBase entry) load them, so the rest runs on any store. Tests and scripts may.',
      severity: 'error',
      from: { pathNot: '^(cloudfunctions/core/platform/(adapters/|cloudbase-main\\.ts$)|test/|scripts/)' },
      to: { path: STORE_PACKAGES },
    },
    {
      name: 'no-unresolvable',
      comment: 'An import that resolves to nothing: a file moved without its importers, or a package missing from package.json.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|\\.cache|test-results|coverage|data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    cache: { folder: 'node_modules/.cache/dependency-cruiser', strategy: 'content' },
  },
};
