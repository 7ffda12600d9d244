/**
 * The one message catalogue of the web app. `vi` is the default language; `en` must have exactly the same keys
 * (the type checker enforces it). Placeholders are written `{name}` and filled by `t(key, { name })`.
 */
import { createContext, useCallback, useContext } from "react";
import { associationEn, associationVi } from "./association";
import { attendanceEn, attendanceVi } from "./attendance";
import { awardEn, awardVi } from "./award";
import { baseEn, baseVi } from "./base";
import { centreOrgEn, centreOrgVi } from "./centre-org";
import { centrePlanEn, centrePlanVi } from "./centre-plan";
import { commendationsEn, commendationsVi } from "./commendations";
import { consentEn, consentVi } from "./consent";
import { cycleEn, cycleVi } from "./cycle";
import { deadlinesEn, deadlinesVi } from "./deadlines";
import { disclosureEn, disclosureVi } from "./disclosure";
import { fundEn, fundVi } from "./fund";
import { householdsEn, householdsVi } from "./households";
import { learnerEvidenceEn, learnerEvidenceVi } from "./learner-evidence";
import { listsEn, listsVi } from "./lists";
import { planTargetsEn, planTargetsVi } from "./plan-targets";
import { privacyEn, privacyVi } from "./privacy";
import { privacyRequestsEn, privacyRequestsVi } from "./privacy-requests";
import { readlogEn, readlogVi } from "./readlog";
import { registriesEn, registriesVi } from "./registries";
import { reportReviewEn, reportReviewVi } from "./report-review";
import { reportsEn, reportsVi } from "./reports";
import { rolesEn, rolesVi } from "./roles";
import { rubricsEn, rubricsVi } from "./rubrics";
import { statsEn, statsVi } from "./stats";
import { submissionsEn, submissionsVi } from "./submissions";
import { prefillEn, prefillVi } from "./tt25-prefill";
import { workEn, workVi } from "./work";
import { yearCloseEn, yearCloseVi } from "./year-close";

const vi = {
  ...baseVi,
  ...householdsVi,
  ...registriesVi,
  ...cycleVi,
  ...rubricsVi,
  ...workVi,
  ...statsVi,
  ...rolesVi,
  ...associationVi,
  ...fundVi,
  ...attendanceVi,
  ...centrePlanVi,
  ...awardVi,
  ...disclosureVi,
  ...commendationsVi,
  ...consentVi,
  ...centreOrgVi,
  ...prefillVi,
  ...listsVi,
  ...learnerEvidenceVi,
  ...reportsVi,
  ...privacyRequestsVi,
  ...privacyVi,
  ...readlogVi,
  ...deadlinesVi,
  ...submissionsVi,
  ...reportReviewVi,
  ...planTargetsVi,
  ...yearCloseVi,
};

export type MessageKey = keyof typeof vi;
export type Catalogue = Record<MessageKey, string>;

const en: Catalogue = {
  ...baseEn,
  ...householdsEn,
  ...registriesEn,
  ...cycleEn,
  ...rubricsEn,
  ...workEn,
  ...statsEn,
  ...rolesEn,
  ...associationEn,
  ...fundEn,
  ...attendanceEn,
  ...centrePlanEn,
  ...awardEn,
  ...disclosureEn,
  ...commendationsEn,
  ...consentEn,
  ...centreOrgEn,
  ...prefillEn,
  ...listsEn,
  ...learnerEvidenceEn,
  ...reportsEn,
  ...privacyRequestsEn,
  ...privacyEn,
  ...readlogEn,
  ...deadlinesEn,
  ...submissionsEn,
  ...reportReviewEn,
  ...planTargetsEn,
  ...yearCloseEn,
};

export type Lang = "vi" | "en";
export const langs: readonly Lang[] = ["vi", "en"];
export const messages: Record<Lang, Catalogue> = { vi, en };

/** Village kinds as the API knows them (Vietnamese values) → catalogue key of their label. */
export const villageKindKeys = {
  Thôn: "village.kind.thon",
  "Tổ dân phố": "village.kind.toDanPho",
  "Khu phố": "village.kind.khuPho",
  Ấp: "village.kind.ap",
  Bản: "village.kind.ban",
  "Khu dân cư": "village.kind.khuDanCu",
} as const satisfies Record<string, MessageKey>;

/** The catalogue key of an audit action or entity code, if the catalogue has one (else the code is shown). */
export function auditKey(kind: "action" | "entity", code: string): MessageKey | null {
  const key = `audit.${kind}.${code}`;
  return key in vi ? (key as MessageKey) : null;
}

const LANG_STORAGE_KEY = "hieuhoc.lang";

export function storedLang(): Lang {
  try {
    const value = window.localStorage.getItem(LANG_STORAGE_KEY);
    return value === "en" ? "en" : "vi";
  } catch {
    return "vi";
  }
}

export function storeLang(lang: Lang): void {
  try {
    window.localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // Private mode or storage disabled: the choice lasts until reload.
  }
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const text = messages[lang][key] ?? messages.vi[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export type LangState = { lang: Lang; setLang: (lang: Lang) => void };
export const LangContext = createContext<LangState>({ lang: "vi", setLang: () => {} });

export function useLang(): LangState {
  return useContext(LangContext);
}

/** The translation function of the current language. */
export function useT(): Translate {
  const { lang } = useContext(LangContext);
  return useCallback<Translate>((key, params) => translate(lang, key, params), [lang]);
}
