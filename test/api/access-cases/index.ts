/** The modules whose access cases live in this folder (one line per module). */

import { attendanceCases } from "./attendance";
import { centreOrgCases } from "./centre-org";
import { centreCases } from "./centres";
import { commendationCases } from "./commendations";
import { learnerEvidenceCases } from "./learner-evidence";
import { tt25PrefillCases } from "./tt25-prefill";
import type { CaseModule } from "./types";

export const caseModules: readonly CaseModule[] = [
  centreCases,
  commendationCases,
  centreOrgCases,
  attendanceCases,
  tt25PrefillCases,
  learnerEvidenceCases,
];
