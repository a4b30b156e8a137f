import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "~": path.resolve(import.meta.dirname, "app") };
const shared = { testTimeout: 30_000, hookTimeout: 60_000 };

/**
 * `npm test` runs every suite on a fresh embedded PostgreSQL per test file and, when
 * TEST_DATABASE_URL is set, the database suites again on the real server (a new database
 * per file, cloned from a migrated template made for this run and dropped afterwards).
 */
const projects = [
  {
    resolve: { alias },
    test: {
      ...shared,
      name: "pglite",
      include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
      globalSetup: ["tests/support/setup-pglite.ts"],
      env: { TEST_DB_KIND: "pglite" },
    },
  },
];
if (process.env.TEST_DATABASE_URL) {
  projects.push({
    resolve: { alias },
    test: {
      ...shared,
      name: "postgres",
      include: ["tests/integration/**/*.test.ts"],
      globalSetup: ["tests/support/setup-postgres.ts"],
      env: { TEST_DB_KIND: "postgres" },
    },
  });
}

export default defineConfig({
  resolve: { alias },
  test: { ...shared, projects },
});
