import { bundleWorkflowCode } from '@temporalio/worker';
import { quietBundlerLogger } from '../test/support/quiet-bundler-logger';

/** What the workflow bundle may take from node_modules: the SDK's workflow side and its own dependencies. */
const ALLOWED_PACKAGES = new Set(['@temporalio/common', '@temporalio/workflow', 'long', 'ms', 'nexus-rpc']);

describe('the workflow bundle', () => {
  // Each cached workflow run evaluates its own copy of every module its workflow imports: with the zod schemas in
  // the bundle a cached run cost ~2.4 MiB of worker RSS, without them ~0.16 MiB, what a minimal workflow costs (npm run bench:worker-cache).
  it('holds no schema library and no package beyond the SDK’s workflow side', async () => {
    const { code } = await bundleWorkflowCode({
      workflowsPath: require.resolve('./index'),
      logger: quietBundlerLogger,
    });
    const packages = new Set(
      [...code.matchAll(/!\*{3} \.\/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)].map((m) => m[1]!),
    );
    expect(packages.size).toBeGreaterThan(0); // the module banners this reads are there
    expect(packages).not.toContain('zod');
    expect(code).not.toMatch(/node_modules\/zod\//); // nor nested under another package
    expect([...packages].filter((p) => !ALLOWED_PACKAGES.has(p))).toEqual([]);
    // Nor any module of ours that builds schemas (they import zod at the top).
    const ours = [...code.matchAll(/!\*{3} \.\/((?:contracts|workflows)\/[^ ]+\.ts) \*{3}!/g)].map(
      (m) => m[1]!,
    );
    expect(ours).toContain('workflows/journeys/flow/workflow.ts');
    expect(ours.filter((m) => /(^|\/)(config|definition|entries|config-parts)\.ts$/.test(m))).toEqual([]);
  }, 60_000);
});
