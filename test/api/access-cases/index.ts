/** The modules whose access cases live in this folder (one line per module). */
import { centreCases } from "./centres";
import { commendationStatsCases } from "./commendation-stats";
import { commendationCases } from "./commendations";
import type { CaseModule } from "./types";

export const caseModules: readonly CaseModule[] = [centreCases, commendationCases, commendationStatsCases];
