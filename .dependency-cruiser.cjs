/**
 * The import graph perkflow keeps (`npm run lint` fails on any edge below). Layers, top to bottom:
 *
 *   api ─▶ services ─▶ workflows (registry, shared definitions) ─ ─ ▷ activities ─▶ support-desk ─▶ stores ─▶ ledger ─▶ lib
 *                                                                                    └─▶ email ───────────┘
 *   contracts/ (zod schemas of customer events, the ledger's error codes, constants) sits beside them all and imports
 *   nothing of ours. Workflow code imports only its zod-free modules at run time (workflows/bundle.unit.test.ts).
 *   ─ ─ ▷ : type-only (workflows reach activities through proxyActivities).
 *
 * Composition roots (api/server.ts, api/main.ts, worker/, simulation/, scripts/, bench/) wire everything and may import
 * any layer. simulation/ runs journeys on a scratch stack of its own; only composition roots reach it.
 * Tests and test support are free to reach anything they exercise.
 */
const NOT_TESTS = '(^|/)(test|testing)/|\\.test\\.ts$';
const VALUE = { dependencyTypesNot: ['type-only'] };

/** A module of ours (everything but node_modules and node's built-ins). */
const OURS =
  '^(api|services|workflows|activities|support-desk|stores|ledger|lib|contracts|email|infra|worker|simulation|scripts|bench|test)/';

module.exports = {
  forbidden: [
    {
      name: 'lib-imports-nothing-of-ours',
      comment: 'lib/ holds generic helpers (transactions, canonical JSON): it depends on no module of ours.',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: OURS, pathNot: '^lib/' },
    },
    {
      name: 'contracts-are-pure-schemas',
      comment:
        'contracts/ holds what every layer shares (customer event schemas, ledger error codes): pure and deterministic, ' +
        'so workflow code may bundle them (the zod-free ones: workflows/bundle.unit.test.ts); they import nothing of ours.',
      severity: 'error',
      from: { path: '^contracts/' },
      to: { path: OURS, pathNot: '^contracts/' },
    },
    {
      name: 'ledger-imports-only-lib',
      comment:
        'The ledger knows nothing of Temporal, HTTP, stores or email: only pg, lib/ and contracts/ (its error codes ' +
        'live there so workflow code can recognise them without importing the ledger).',
      severity: 'error',
      from: { path: '^ledger/', pathNot: NOT_TESTS },
      to: { path: OURS, pathNot: '^(ledger|lib|contracts)/' },
    },
    {
      name: 'ledger-no-temporal-or-http',
      severity: 'error',
      from: { path: '^ledger/', pathNot: NOT_TESTS },
      to: { path: 'node_modules/(@temporalio|express|nodemailer)' },
    },
    {
      name: 'stores-stay-below-services',
      comment:
        'stores/ is SQL for one table family; it never calls up into services, workflows, activities or the API.',
      severity: 'error',
      from: { path: '^stores/', pathNot: NOT_TESTS },
      to: { path: '^(api|services|workflows|activities|support-desk|worker|email)/' },
    },
    {
      name: 'email-stays-low',
      severity: 'error',
      from: { path: '^email/', pathNot: NOT_TESTS },
      to: { path: '^(api|services|workflows|activities|support-desk|worker|stores)/' },
    },
    {
      name: 'support-desk-stays-low',
      severity: 'error',
      from: { path: '^support-desk/' },
      to: { path: '^(api|services|workflows|activities|worker)/' },
    },
    {
      name: 'activities-are-adapters',
      comment:
        'Activities adapt workflows to the ledger, stores and email; they never call services, the API or workflows.',
      severity: 'error',
      from: { path: '^activities/', pathNot: NOT_TESTS },
      to: { path: '^(api|services|worker)/' },
    },
    {
      name: 'activities-no-workflow-values',
      severity: 'error',
      from: { path: '^activities/', pathNot: NOT_TESTS },
      to: { path: '^workflows/', ...VALUE },
    },
    {
      name: 'workflows-only-bundle-workflow-code',
      comment:
        'workflows/ is what the worker bundles: deterministic code only. Activities, stores and the ledger are reached ' +
        'through proxyActivities; their types may be imported, their values never.',
      severity: 'error',
      from: { path: '^workflows/', pathNot: NOT_TESTS },
      to: { path: '^(activities|stores|ledger|lib|email|support-desk|infra|services|api|worker)/', ...VALUE },
    },
    {
      name: 'workflows-no-client-or-node',
      comment: 'Workflow code never uses the Temporal client, the worker, pg or node built-ins.',
      severity: 'error',
      from: { path: '^workflows/', pathNot: NOT_TESTS },
      to: {
        path: 'node_modules/(@temporalio/(client|worker|activity|testing)|pg|nodemailer|express)/',
        ...VALUE,
      },
    },
    {
      name: 'workflows-no-node-builtins',
      severity: 'error',
      from: { path: '^workflows/', pathNot: NOT_TESTS },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'plugin-imports-no-other-plugin',
      comment: 'A journey plugin is self-contained: shared journey runtime lives in workflows/shared/.',
      severity: 'error',
      from: { path: '^workflows/journeys/([^/]+)/' },
      to: { path: '^workflows/journeys/([^/]+)/', pathNot: '^workflows/journeys/$1/' },
    },
    {
      name: 'shared-runtime-imports-no-plugin',
      severity: 'error',
      from: { path: '^workflows/shared/' },
      to: { path: '^workflows/journeys/' },
    },
    {
      name: 'services-no-api-activities-or-plugin-internals',
      comment:
        'Services sit under the API and over stores and the journey client. They never call activity implementations ' +
        "or reach into a plugin's folder beyond its published config and plugin declaration.",
      severity: 'error',
      from: { path: '^services/', pathNot: NOT_TESTS },
      to: {
        path: '^(api|activities|worker)/|^workflows/journeys/[^/]+/(?!config\\.ts$|plugin\\.ts$)',
      },
    },
    {
      name: 'api-knows-no-sql',
      comment:
        'Routes see services and the ledger API, never SQL: no pg values, stores, activities or the worker. ' +
        'The composition roots api/server.ts and api/main.ts are exempt from nothing but this comment: they use infra/.',
      severity: 'error',
      from: { path: '^api/', pathNot: NOT_TESTS },
      to: { path: '^(stores|activities|worker|support-desk)/|node_modules/pg/', ...VALUE },
    },
    {
      name: 'production-wiring-not-dev-servers',
      comment:
        'infra/dev/ holds the embedded servers npm start and tests use; nothing that ships imports it.',
      severity: 'error',
      from: {
        path: '^(api|services|workflows|activities|support-desk|stores|ledger|lib|email|worker)/|^infra/[^/]+$',
        pathNot: NOT_TESTS,
      },
      to: { path: '^infra/dev/' },
    },
    {
      name: 'only-composition-roots-run-simulations',
      comment:
        'simulation/ starts test servers, workers and scratch databases: the API reaches it through the ' +
        'SimulationEngine interface of services/, wired by api/server.ts.',
      severity: 'error',
      from: {
        path: '^(api|services|workflows|activities|support-desk|stores|ledger|lib|contracts|email|infra|worker)/',
        pathNot: `${NOT_TESTS}|^api/server\\.ts$`,
      },
      to: { path: '^simulation/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(tools|\\.data|coverage|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
