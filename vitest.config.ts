import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests start their own dynalite and s3rver on ephemeral ports,
    // so files can run in parallel; two workers match CI's two cores.
    maxWorkers: 2,
  },
});
