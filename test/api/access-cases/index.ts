/** The modules whose access cases live in this folder (one line per module). */

import { associationCases } from "./association";
import { attendanceCases } from "./attendance";
import { centreOrgCases } from "./centre-org";
import { centrePlanCases } from "./centre-plan";
import { centreCases } from "./centres";
import { commendationStatsCases } from "./commendation-stats";
import { commendationCases } from "./commendations";
import { consentCases } from "./consent";
import { deadlineCases } from "./deadlines";
import { fundCases } from "./fund";
import { inventoryCases } from "./inventory";
import { learnerEvidenceCases } from "./learner-evidence";
import { listsCases } from "./lists";
import { readlogCases } from "./readlog";
import { registryCases } from "./registries";
import { reportCases } from "./reports";
import { requestCases } from "./requests";
import { reviewCases } from "./review";
import { submissionCases } from "./submissions";
import { tt25PrefillCases } from "./tt25-prefill";
import type { CaseModule } from "./types";
import { yearCloseCases } from "./year-close";

export const caseModules: readonly CaseModule[] = [
  registryCases,
  associationCases,
  fundCases,
  centreCases,
  commendationCases,
  centreOrgCases,
  attendanceCases,
  tt25PrefillCases,
  centrePlanCases,
  commendationStatsCases,
  learnerEvidenceCases,
  listsCases,
  reportCases,
  requestCases,
  inventoryCases,
  readlogCases,
  consentCases,
  deadlineCases,
  submissionCases,
  reviewCases,
  yearCloseCases,
];
