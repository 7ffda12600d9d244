/** The modules whose access cases live in this folder (one line per module). */

import { attendanceCases } from "./attendance";
import { centreOrgCases } from "./centre-org";
import { centrePlanCases } from "./centre-plan";
import { centreCases } from "./centres";
import { commendationStatsCases } from "./commendation-stats";
import { commendationCases } from "./commendations";
import { learnerEvidenceCases } from "./learner-evidence";
import { reportCases } from "./reports";
import { submissionCases } from "./submissions";
import { tt25PrefillCases } from "./tt25-prefill";
import type { CaseModule } from "./types";

export const caseModules: readonly CaseModule[] = [
  centreCases,
  commendationCases,
  centreOrgCases,
  attendanceCases,
  tt25PrefillCases,
  centrePlanCases,
  commendationStatsCases,
  learnerEvidenceCases,
  reportCases,
  submissionCases,
];
