/**
 * The dependency rules of DESIGN.md and STYLE.md, checked by `npm run lint:deps` (part of `npm test`).
 *
 * Layers: core (domain model, ports), foia and ingest (domain rules), app (the use cases) may not import an SDK
 * nor an adapter. Adapters (storage, catalog, search, queue, notify's senders, runtime, http) implement the ports.
 * services/ host them; services/embedded is the host process that runs every role in one process, so it is the
 * one service allowed to import the others (api, web, worker), and nothing imports it but the tests.
 */
const CORE = '^packages/(core|foia|ingest|app)/';
const SDKS =
  '^node_modules/(bullmq|ioredis|@aws-sdk|@elastic|pg|better-sqlite3|express|nodemailer|pdfkit|cookie|openid-client)/';
/** Tests, test servers, fixtures and conformance suites: they may reach adapters and devDependencies. */
const TEST_SUPPORT = [
  '\\.test\\.ts$',
  '\\.test-[a-z-]+\\.ts$',
  '/testing(/|\\.ts$)',
  '/conformance/',
  '\\.conformance\\.ts$',
];
const ADAPTERS = '^(packages/(storage|catalog|search|queue|runtime|http)/|services/)';

module.exports = {
  forbidden: [
    {
      name: 'no-package-cycle',
      comment:
        'Packages form a hierarchy: a cycle between two of them means neither can be understood (or tested) alone.',
      severity: 'error',
      from: { path: '^(packages|services)/([^/]+)/' },
      to: { circular: true, path: '^(packages|services)/', pathNot: '^$1/$2/' },
    },
    {
      name: 'no-deep-import',
      comment:
        'Another package is reached through its name and its exports map (`@verbatim/x`, `@verbatim/x/testing`), never by a relative path into its src/.',
      severity: 'error',
      from: { path: '^(packages|services)/([^/]+)/' },
      to: {
        dependencyTypes: ['local'],
        dependencyTypesNot: ['aliased'],
        path: '^(packages|services)/',
        pathNot: '^$1/$2/',
      },
    },
    {
      name: 'no-relative-import-from-tests-or-benchmarks',
      comment: 'test/ and bench/ use the packages as their users do: by name, through the exports maps.',
      severity: 'error',
      from: { path: '^(test|bench)/' },
      to: { dependencyTypes: ['local'], dependencyTypesNot: ['aliased'], path: '^(packages|services|infra)/' },
    },
    {
      name: 'no-unresolvable-import',
      comment: "An import that does not resolve is a typo or a path the target package's exports map does not offer.",
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-service-imports-another-service',
      comment:
        'api (JSON) and web (pages) are two views of packages/app, and worker its jobs: none knows the others. Only the host process composes them.',
      severity: 'error',
      from: { path: '^services/([^/]+)/', pathNot: '^services/embedded/' },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    {
      name: 'no-package-imports-a-service',
      comment: 'Services are the outermost layer; a package that needs one has its dependency upside down.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^services/' },
    },
    {
      name: 'core-imports-no-sdk',
      comment:
        'The domain and the use cases know ports, not SDKs: an SDK is imported only by the adapter that wraps it.',
      severity: 'error',
      from: { path: CORE, pathNot: TEST_SUPPORT },
      to: { path: SDKS, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'core-imports-no-adapter',
      comment: 'Adapters depend on the core, never the reverse; the host process wires them together.',
      severity: 'error',
      from: { path: CORE, pathNot: TEST_SUPPORT },
      to: { path: ADAPTERS },
    },
    {
      name: 'no-undeclared-dependency',
      comment: 'Every package declares in its package.json what it imports (a test-only library as a devDependency).',
      severity: 'error',
      from: { path: '^(packages|services)/' },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'no-dev-dependency-at-run-time',
      comment: 'What ships may not need a devDependency; tests, test servers and fixtures may.',
      severity: 'error',
      from: { path: '^(packages|services)/', pathNot: TEST_SUPPORT },
      to: { dependencyTypes: ['npm-dev'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/.*/node_modules/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json', '.mjs', '.cjs', '.d.ts'],
      mainFields: ['main', 'types'],
    },
    skipAnalysisNotInRules: true,
  },
};
