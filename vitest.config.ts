import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "e2e/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    globalSetup: ["test/global-setup.ts"],
    // Three on two cores: with two, the suite kept the cores 68 % busy (it waits on servers, browsers, PostgreSQL).
    maxWorkers: 3,
    // Test files share their worker process: each file's fresh process imported the app again (3 to 15 s a file
    // under load: 46 s of 70 on ten API files). Files must leave no global state behind (process.env included).
    isolate: false,
  },
});
