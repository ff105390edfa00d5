import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };

// "server-only" throws outside a React Server Components bundle; tests import server modules directly.
const serverOnlyStub = {
  "server-only": path.resolve(import.meta.dirname, "tests/support/server-only-stub.ts"),
};

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: { ...alias, ...serverOnlyStub } },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "db/**/*.test.ts", "components/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "emulator",
          include: ["emulator/**/*.test.ts"],
          environment: "node",
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias: { ...alias, ...serverOnlyStub } },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/global-setup.ts"],
          setupFiles: ["tests/support/setup-next-mocks.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // PostgreSQL only (backends terminated under the app, two server processes on one database):
        // `npm test` runs it in its PostgreSQL pass, beside the integration project.
        resolve: { alias: { ...alias, ...serverOnlyStub } },
        test: {
          name: "postgres",
          include: ["tests/postgres/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/global-setup.ts"],
          setupFiles: ["tests/support/setup-next-mocks.ts"],
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
