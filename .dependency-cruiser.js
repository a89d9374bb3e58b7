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

/**
 * Every rule is an error, so `npm run lint` fails on any violation of it.
 * @param {string} name
 * @param {string} comment why the rule holds, shown with each violation
 * @param {import('dependency-cruiser').IFromRestriction} from
 * @param {import('dependency-cruiser').IToRestriction} to
 * @returns {import('dependency-cruiser').IForbiddenRuleType}
 */
function rule(name, comment, from, to) {
  return { name, comment, severity: 'error', from, to };
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    rule(
      'types-imports-nothing-of-ours',
      'types/ is the contract the app and the functions both compile against; anything of ours it imported would ship to the phone and bind the contract to one side.',
      { path: '^types/' },
      { path: OURS, pathNot: '^types/' },
    ),
    rule(
      'phone-code-has-no-node-builtins',
      'src/ and types/ run in the WeChat mini-program and the browser, where fs, path, crypto and the rest do not exist.',
      { path: '^(src|types)/' },
      { dependencyTypes: ['core'] },
    ),
    rule(
      'src-not-cloudfunctions',
      'The app reaches the functions only through services/backend.ts and the wire; importing their code would ship server code in the mini-program. What both need belongs in types/.',
      { path: '^src/' },
      { path: '^(cloudfunctions|scripts|test)/' },
    ),
    rule(
      'domain-imports-only-types-and-domain',
      'core/domain/ is the pure rules, testable without a store: it may use types/, its own files and pure npm libraries, never the port, an adapter, a use case, a file codec or a handler.',
      { path: '^cloudfunctions/core/domain/' },
      { path: OURS, pathNot: ['^types/', '^cloudfunctions/core/domain/'] },
    ),
    rule(
      'domain-does-no-io',
      'core/domain/ is pure: no file system, network or process modules. node:crypto stays allowed: hashing a 编号 into an id is a pure function.',
      { path: '^cloudfunctions/core/domain/' },
      { dependencyTypes: ['core'], pathNot: '^(node:)?crypto$' },
    ),
    rule(
      'files-not-app-nor-adapters',
      'core/files/ turns bytes into rows and back (xlsx, csv, docx); it holds no store and no use case, so the CLIs, the functions and the tests can all feed it bytes.',
      { path: '^cloudfunctions/core/files/' },
      { path: '^cloudfunctions/core/(app/|platform/adapters/|platform/cloudbase-main)' },
    ),
    rule(
      'app-through-the-port',
      'Use cases reach the store only through the port, so the same use case runs on CloudBase, the embedded store and the stand-in; which adapter is chosen is platform/runtime\'s business.',
      { path: '^cloudfunctions/core/app/' },
      { path: '^cloudfunctions/core/platform/(?!port\\.ts$)' },
    ),
    rule(
      'core-not-functions',
      'core/ sits below the functions: a core module that imported a handler or the registry would make the layers a cycle.',
      { path: '^cloudfunctions/core/' },
      { path: '^cloudfunctions/(registry\\.ts$|(?!core/)[^/]+/)' },
    ),
    rule(
      'function-not-another-function',
      'Each cloudfunctions/<fn>/ is deployed as its own bundle; one importing another drags that function into its bundle and hides a shared rule in a handler. Shared work goes in core/app/.',
      { path: '^cloudfunctions/((?!core/)[^/]+)/' },
      { path: '^cloudfunctions/(registry\\.ts$|(?!core/)[^/]+/)', pathNot: '^cloudfunctions/$1/' },
    ),
    rule(
      'handler-through-app',
      'A handler parses, names the caller and calls one use case: collection names and filters live in core/app/queries/, so a handler never needs the port or an adapter (its index.ts loads cloudbase-main).',
      { path: '^cloudfunctions/(?!core/)[^/]+/handler\\.ts$' },
      { path: '^cloudfunctions/core/platform/(?!runtime\\.ts$)' },
    ),
    rule(
      'only-adapters-touch-the-store-packages',
      'The CloudBase SDK, SQLite and mingo are behind the port: only platform/adapters/ (and cloudbase-main, the CloudBase entry) load them, so the rest runs on any store. Tests and scripts may.',
      { pathNot: '^(cloudfunctions/core/platform/(adapters/|cloudbase-main\\.ts$)|test/|scripts/)' },
      { path: STORE_PACKAGES },
    ),
    rule(
      'no-unresolvable',
      'An import that resolves to nothing: a file moved without its importers, or a package missing from package.json.',
      {},
      { couldNotResolve: true },
    ),
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
