import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The `~/` alias of tsconfig.json, as Astro resolves it for the site.
  resolve: { tsconfigPaths: true },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    // One file at a time: the Python counterparts time short sleeps and CPU work.
    fileParallelism: false,
    reporters: ['default', ['json', { outputFile: 'reports/unit.json' }]],
  },
});
