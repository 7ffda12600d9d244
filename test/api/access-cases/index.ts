/** The modules whose access cases live in this folder (one line per module). */
import { centrePlanCases } from "./centre-plan";
import { centreCases } from "./centres";
import type { CaseModule } from "./types";

export const caseModules: readonly CaseModule[] = [centreCases, centrePlanCases];
