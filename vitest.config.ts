import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "e2e/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Three on two cores: with two, the suite kept the cores 68 % busy (it waits on servers, browsers, PostgreSQL).
    maxWorkers: 3,
  },
});
