/**
 * What the lived-in demo contains, ward by ward: today's residential groups and where each came from in the 2025
 * reform (a group of an old ward, linked to it by a village succession so that the statistics map its history
 * exactly), how many households live there, the ward's clans, organisations and citizens, and who works on it;
 * then the ward's Hội Khuyến học: its chapters, their size and their dues.
 *
 * Sizes are kept small on purpose: every registration goes through the product's own services (about 35 ms of
 * CPU each on PGlite, and about 60 ms for each meeting with its decision), and the first start of `npm start` must
 * stay under 30 seconds. Tây Hồ has every title; Mạo Khê its households and the ward itself.
 */
import type { ChapterKind } from "../../shared/registry/kinds/chapters";
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

// The Hội Khuyến học of the demo wards (demo-association-plan.ts draws its members, demo-association.ts writes it).

/** A chapter as the plan states it: what it belongs to, when it was founded, its size and its dues by year. */
export type ChapterSpec = {
  kind: ChapterKind;
  /** A village chapter's residential group (by name). */
  village?: string;
  /** A clan chapter's clan: its place in the ward's clan list. */
  clan?: number;
  /** An organisation's chapter: the organisation's code, and the chapter's name. */
  organization?: string;
  name?: string;
  foundedOn: string;
  /** Individual members, and whether the organisation itself is a collective member. */
  members: number;
  collective?: true;
  /** The yearly amount (đồng) from each year on. */
  dues: [year: number, amount: number][];
};

export type DemoAssociationPlan = {
  commune: string;
  /** Who keeps the Hội's books: an association admin, or the ward's unit admin. */
  admin: string;
  /** Who adds the organisations below to the ward's registry (data entry). */
  registrar?: string;
  /** A chapter secretary's account (demoUsers, with its chapter's code): records that chapter's current year. */
  secretary?: string;
  organizations: DemoOrganization[];
  chapters: ChapterSpec[];
};

/** Residential groups' dues, raised once. */
const v20to30: [number, number][] = [
  [2021, 20_000],
  [2024, 30_000],
];
const v20to25: [number, number][] = [
  [2021, 20_000],
  [2025, 25_000],
];

export const demoAssociationPlans: DemoAssociationPlan[] = [
  {
    commune: "00103",
    admin: "hkh.tayho",
    registrar: "tayho",
    secretary: "chihoi1.tayho",
    organizations: [
      { code: "CQ02", name: "Ủy ban nhân dân phường Tây Hồ", kind: "agency" },
      { code: "DN01", name: "Công ty Cổ phần Du lịch Hồ Tây", kind: "enterprise" },
    ],
    chapters: [
      // The first chapter is the secretary's (code 01).
      { kind: "village", village: tdp(1), foundedOn: "2008-05-19", members: 52, dues: v20to30 },
      { kind: "village", village: tdp(2), foundedOn: "2010-09-05", members: 48, dues: v20to30 },
      { kind: "village", village: tdp(3), foundedOn: "2012-11-20", members: 45, dues: v20to30 },
      { kind: "clan", clan: 0, foundedOn: "2015-01-18", members: 20, dues: [[2021, 30_000]] },
      {
        kind: "school",
        organization: "TH01",
        name: "Chi hội Khuyến học Trường Tiểu học Ánh Dương",
        foundedOn: "2011-10-20",
        members: 22,
        collective: true,
        dues: [
          [2021, 40_000],
          [2025, 50_000],
        ],
      },
      {
        kind: "committee",
        organization: "CQ01",
        name: "Ban Khuyến học Trạm Y tế phường",
        foundedOn: "2018-03-08",
        members: 9,
        dues: [[2021, 50_000]],
      },
      {
        kind: "agency",
        organization: "CQ02",
        name: "Chi hội Khuyến học cơ quan UBND phường Tây Hồ",
        foundedOn: "2022-05-19",
        members: 10,
        dues: [[2022, 50_000]],
      },
      {
        kind: "enterprise",
        organization: "DN01",
        name: "Chi hội Khuyến học Công ty Cổ phần Du lịch Hồ Tây",
        foundedOn: "2023-09-05",
        members: 12,
        collective: true,
        dues: [[2023, 50_000]],
      },
    ],
  },
  {
    commune: "07069",
    admin: "maokhe",
    organizations: [],
    chapters: [
      { kind: "village", village: kp(1), foundedOn: "2009-04-12", members: 15, dues: v20to25 },
      { kind: "village", village: kp(2), foundedOn: "2013-08-30", members: 13, dues: v20to25 },
      { kind: "village", village: kp(3), foundedOn: "2019-11-02", members: 12, dues: v20to25 },
    ],
  },
];
