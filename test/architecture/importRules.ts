// The import rules every source folder keeps, checked with dependency-cruiser over the real module graph.
// Type-only imports count: a cycle through types still ties the modules' meaning together, and
// tsPreCompilationDeps makes the tool read the TypeScript before its types are erased.
import { cruise, type IForbiddenRuleType, type IViolation } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

export const SOURCE_FOLDERS = ['main', 'shared', 'preload', 'renderer'];

/** The layers of main/ (at `root`), bottom to top: platform, features, core (the wiring), transports and entry programs. */
function layerRules(root: string): IForbiddenRuleType[] {
  const at = `^${root}/`;
  const PLATFORM = `${at}platform/`;
  const CORE = `${at}(core|services|operations)\\.ts$`;
  const TOP = 'ipc|api|host|electron|simulate|demo';
  const TRANSPORTS = `${at}(${TOP})/`;
  const FEATURES = `${at}(?!platform/|${TOP.replaceAll('|', '/|')}/)[^/]+/`;
  return [
    { name: 'platform-stands-on-shared', severity: 'error', from: { path: PLATFORM }, to: { path: at, pathNot: PLATFORM } },
    { name: 'features-below-core', severity: 'error', from: { path: FEATURES }, to: { path: `${CORE}|${TRANSPORTS}` } },
    { name: 'core-below-transports', severity: 'error', from: { path: CORE }, to: { path: TRANSPORTS } },
  ];
}

const rules: IForbiddenRuleType[] = [
  { name: 'no-cycle', severity: 'error', from: {}, to: { circular: true } },
  // the contract and the pure logic in shared/ run in every process: they cannot reach into one of them
  { name: 'shared-stands-alone', severity: 'error', from: { path: '^shared/' }, to: { path: '^(main|renderer|preload)/' } },
  // everything else runs in plain Node (the headless host, the tests); the preload is the shell's bridge to the page
  {
    name: 'electron-only-in-the-shell',
    severity: 'error',
    from: { pathNot: '^(main/electron|preload)/' },
    to: { path: '^node_modules/(electron|electron-store)/' },
  },
];

export interface ImportCheck {
  /** One line per broken rule: the rule, then the importing module and what it reaches. */
  violations: string[];
  /** Relative imports the tool could not resolve: a graph with holes would hide cycles. */
  unresolved: string[];
}

function lineOf(violation: IViolation): string {
  const path = violation.cycle?.length ? [violation.from, ...violation.cycle.map((step) => step.name)] : [violation.from, violation.to];
  return `${violation.rule.name}: ${path.join(' -> ')}`;
}

/** Checks `folders`; `mainRoot` is where main/ is (a fixture has its own). */
export async function checkImports(folders: string[], mainRoot = 'main'): Promise<ImportCheck> {
  const result = await cruise(
    folders,
    {
      tsPreCompilationDeps: true,
      tsConfig: { fileName: 'tsconfig.json' },
      doNotFollow: { path: 'node_modules' },
      validate: true,
      ruleSet: { forbidden: [...rules, ...layerRules(mainRoot)] },
    },
    {},
    { tsConfig: extractTSConfig('tsconfig.json') },
  );
  if (typeof result.output === 'string') throw new Error('dependency-cruiser returned a report, not the module graph');
  const { modules, summary } = result.output;
  return {
    violations: summary.violations.map(lineOf),
    unresolved: modules.flatMap((module) => module.dependencies.filter((d) => d.couldNotResolve && d.module.startsWith('.')).map((d) => `${module.source} -> ${d.module}`)),
  };
}
