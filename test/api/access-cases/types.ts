/**
 * The access matrix's cases, by module: each module of the newer programme areas (learning centres, their plans,
 * surveys, commendations, …) adds its routes in its own file here, listed in `index.ts`, so that the matrix
 * (test/api/access.test.ts) grows without every module editing one long file.
 */
import type { ApiClient, TestApp } from "../../helpers/api";

export type Case =
  | { kind: "public" }
  | { kind: "own"; reason: string }
  | { kind: "target"; path: string; body?: unknown; form?: boolean };

/** What a module's cases are built from: the demo app, TP.HCM's admin and a ward of TP.HCM (the targets). */
export type CaseContext = {
  t: TestApp;
  /** The unit admin of TP.HCM (province 79), who makes the records to aim at. */
  hcm: ApiClient;
  hcmProvince: number;
  /** Phường Sài Gòn (27169) of TP.HCM and its villages. */
  ward: number;
  villages: { id: number }[];
  add: (route: string, c: Case) => void;
};

export type CaseModule = {
  /** Tables whose content must not change when every targeted route is refused. */
  tables: readonly string[];
  addCases: (context: CaseContext) => Promise<void>;
};
