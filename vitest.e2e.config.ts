import path from "node:path";
import { defineConfig } from "vitest/config";

/** Browser tests: a built app served by `node`, driven by Debian's Chromium through playwright-core. */
export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
