/** Labels of the commendations' data (forms, levels, subject kinds) in the page's language, from src/shared. */
import {
  type CommendationLevel,
  type CommendationSubjectKind,
  commendationForms,
  commendationLevels,
  commendationSubjectKinds,
  formOf,
  levelLabels,
  subjectKindLabels,
} from "../../../shared/commendations";
import type { Lang } from "../../i18n/messages";

export const formLabel = (code: string, lang: Lang) => formOf(code)?.[lang] ?? code;
export const levelLabel = (level: CommendationLevel, lang: Lang) => levelLabels[level][lang];
export const kindLabel = (kind: CommendationSubjectKind, lang: Lang) => subjectKindLabels[kind][lang];

export const formOptions = (lang: Lang) => commendationForms.map((f) => ({ value: f.code, label: f[lang] }));
export const levelOptions = (lang: Lang, levels: readonly CommendationLevel[] = commendationLevels) =>
  levels.map((l) => ({ value: l, label: levelLabels[l][lang] }));
export const kindOptions = (lang: Lang) =>
  commendationSubjectKinds.map((k) => ({ value: k, label: subjectKindLabels[k][lang] }));

/** The years offered: this year back to 2000. */
export const yearChoices = (now = new Date().getFullYear()) =>
  Array.from({ length: now - 1999 }, (_, i) => now - i);
