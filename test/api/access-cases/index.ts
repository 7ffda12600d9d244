/** The modules whose access cases live in this folder (one line per module). */
import { attendanceCases } from "./attendance";
import { centreCases } from "./centres";
import type { CaseModule } from "./types";

export const caseModules: readonly CaseModule[] = [centreCases, attendanceCases];
