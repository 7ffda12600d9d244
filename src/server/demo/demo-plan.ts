/**
 * What the lived-in demo contains, ward by ward: today's residential groups and where each came from in the 2025
 * reform (a group of an old ward, linked to it by a village succession so that the statistics map its history
 * exactly), how many households live there, the ward's clans, organisations and citizens, and who works on it.
 *
 * Sizes are kept small on purpose: every registration goes through the product's own services (about 35 ms of
 * CPU each on PGlite, and about 60 ms for each meeting with its decision), and the first start of `npm start` must
 * stay under 30 seconds. Tây Hồ has every title; Mạo Khê its households and the ward itself.
 */
import type { OrganizationKind } from "../../shared/registry/kinds/organizations";
import type { Title } from "../../shared/rubric";

export type DemoOrganization = { code: string; name: string; kind: OrganizationKind };

export type DemoVillagePlan = {
  /** The group in the 2025 ward (created by the base demo). */
  name: string;
  kind: string;
  /** Households living there today. */
  households: number;
  /** Its predecessor: a group of an old ward (created here, ended on 2025-07-01). */
  from: { commune: string; name: string };
};

export type DemoWardPlan = {
  /** Code of the 2025 ward. */
  commune: string;
  /** Data entry (drafts decisions, holds review meetings) and reviewer (issues them): never the same person. */
  entry: string;
  reviewer: string;
  /** Agency above the ward before 2025 (it recognised the ward's learning community), and after. */
  districtBefore2025: string;
  provinceAfter2025: string;
  /** The old ward merged whole into this one: it carries the ward-level history (clans, organisations, itself). */
  mergedWhole: string | null;
  villages: DemoVillagePlan[];
  clans: number;
  organizations: DemoOrganization[];
  citizensPerVillage: number;
  /** The titles whose yearly cycle the demo runs here (every one by default). */
  titles?: Title[];
};

const tdp = (n: number) => `Tổ dân phố số ${n}`;
const kp = (n: number) => `Khu phố ${n}`;

export const demoWardPlans: DemoWardPlan[] = [
  {
    commune: "00103",
    entry: "tayho",
    reviewer: "tayho.duyet",
    districtBefore2025: "UBND Quận Tây Hồ",
    provinceAfter2025: "UBND Thành phố Hà Nội",
    mergedWhole: "00109", // Phường Bưởi
    villages: [
      { name: tdp(1), kind: "Tổ dân phố", households: 9, from: { commune: "00109", name: tdp(4) } },
      { name: tdp(2), kind: "Tổ dân phố", households: 9, from: { commune: "00109", name: tdp(9) } },
      // Part of old Phường Xuân La (split between four wards): exact through its own succession.
      { name: tdp(3), kind: "Tổ dân phố", households: 9, from: { commune: "00103", name: tdp(12) } },
    ],
    clans: 2,
    organizations: [
      { code: "TH01", name: "Trường Tiểu học Ánh Dương", kind: "school" },
      { code: "CQ01", name: "Trạm Y tế phường", kind: "agency" },
    ],
    citizensPerVillage: 1,
  },
  {
    commune: "07069",
    entry: "maokhe",
    reviewer: "maokhe.duyet",
    districtBefore2025: "UBND Thị xã Đông Triều",
    provinceAfter2025: "UBND Tỉnh Quảng Ninh",
    mergedWhole: "07069", // old Phường Mạo Khê, merged whole with Kim Sơn, Xuân Sơn and Yên Thọ
    villages: [
      { name: kp(1), kind: "Khu phố", households: 4, from: { commune: "07069", name: "Khu 3" } },
      { name: kp(2), kind: "Khu phố", households: 4, from: { commune: "07069", name: "Khu 5" } },
      { name: kp(3), kind: "Khu phố", households: 4, from: { commune: "07069", name: "Khu 8" } },
    ],
    clans: 0,
    organizations: [],
    citizensPerVillage: 0,
    // Households and the ward itself only: every title costs a meeting and a decision a year.
    titles: ["learning_family", "learning_community_commune"],
  },
];

/** The first year of the history: the seed reports' programme period 2021–2030 (QĐ 1373, QĐ 387). */
export const firstDemoYear = 2021;
/** Years before this one are recorded on the old wards; from it on, on the 2025 wards. */
export const reformYear = 2025;
export const reformDate = "2025-07-01";
