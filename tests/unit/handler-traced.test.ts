// The traced entry (lambdas/handler-traced.ts, bundled with -c scrape-dedup:tracing=true): it
// runs the same deployed handler inside a Tracer subsegment. Outside Lambda, Tracer disables
// itself, so this checks the wiring: it loads, handles an event, and still writes the metrics.
import { afterEach, describe, expect, it, vi } from 'vitest';

describe('Traced entry point', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('handles an event through the deployed handler and writes its EMF line', async () => {
    // Prepare: the environment the stack gives the function (no object named, so no AWS call)
    vi.stubEnv('TABLE_NAME', 'records');
    vi.stubEnv('AWS_REGION', 'us-east-1');
    vi.stubEnv('SCRAPE_DEDUP_STAGE', 'dev');
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const { handler } = await import('../../lambdas/handler-traced.js');
    // Act
    const result = await handler({ Records: [] });
    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    const emf = written.filter((line) => line.startsWith('{"_aws"')).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(emf).toHaveLength(1);
    expect(emf[0]).toMatchObject({ stage: 'dev', WriteUnits: 0, Duplicates: 0 });
  });

  it('fails as the untraced handler does when the stack gave no table', async () => {
    vi.stubEnv('TABLE_NAME', '');
    vi.resetModules();
    const { handler } = await import('../../lambdas/handler-traced.js');
    await expect(handler({ Records: [] })).rejects.toThrow('TABLE_NAME is not set');
  });
});
