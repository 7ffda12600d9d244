/**
 * The demo's plans without a database: the calendar of the groups' registrations, meetings and decisions, the
 * shares recognised, the score sheets the criteria sets evaluate as intended, the fund's and the Hội's plans for any
 * today, and the names in the house's tone-mark style (the lived-in demo itself: demo.test.ts).
 */
import { describe, expect, it } from "vitest";
import { isRatingTitle, levelsDefinition, pointsDefinition } from "../../shared/rubric";
import { newStyleWords } from "../../shared/tone-marks";
import { evaluate } from "../modules/rubrics/rubric.evaluate";
import { seedRubrics } from "../modules/rubrics/rubric.seeds";
import { planAssociation } from "./demo-association-plan";
import { groupSchedule } from "./demo-calendar";
import { listedKey, listedPlan } from "./demo-fund-beneficiaries";
import { fundPlan } from "./demo-fund-plan";
import { people } from "./demo-names";
import { demoAssociationPlans, reformDate } from "./demo-plan";
import { levelsSheet, outcomesFor, pointsSheet } from "./demo-scores";

const year = new Date().getFullYear();
const today = `${year}-11-30`;

describe("demo calendar and score sheets", () => {
  it("registers in the first quarter, and in the reform year after the new wards came into force", () => {
    expect(groupSchedule(2024, 0).registeredOn < "2024-03-31").toBe(true);
    expect(groupSchedule(2025, 0).registeredOn > "2025-07-01").toBe(true);
  });

  it("keeps the last group of the year at work on 30 November: one decision signed, one waiting", () => {
    const { meetings } = groupSchedule(year, 1, 3);
    const day = `${year}-11-30`;
    expect(meetings.filter((m) => m.signedOn <= day)).toHaveLength(1);
    expect(meetings.filter((m) => m.draftedOn <= day && m.signedOn > day)).toHaveLength(1);
    expect(meetings.filter((m) => m.heldOn > day)).toHaveLength(1);
  });

  it("recognises the households' share of the year exactly, rising over the years", () => {
    const keys = Array.from({ length: 50 }, (_, i) => `family:${i}`);
    const share = (y: number) =>
      [...outcomesFor(keys, "learning_family", y).values()].filter((o) => o === "passes").length / 50;
    expect(share(2021)).toBeCloseTo(0.66, 2);
    expect(share(2026)).toBeGreaterThan(share(2021));
  });

  it("fills in score sheets that the criteria sets in force evaluate as intended", () => {
    // A rating (the centres' xếp loại) rates every complete sheet: the demo scores it itself (demo-centre-rating.ts).
    for (const seed of seedRubrics.filter((r) => !isRatingTitle(r.meta.title))) {
      const definition = seed.definition;
      for (let i = 0; i < 20; i++) {
        if (definition.scheme === "points") {
          const parsed = pointsDefinition.parse(definition);
          expect(evaluate(parsed, { scores: pointsSheet(parsed, true, i) }).recognized).toBe(true);
          expect(evaluate(parsed, { scores: pointsSheet(parsed, false, i) }).recognized).toBe(false);
        } else {
          const parsed = levelsDefinition.parse(definition);
          expect(
            evaluate(parsed, { items: levelsSheet(parsed, 1, i), assessedOn: "2025-12-31" }).recognized,
          ).toBe(true);
          expect(
            evaluate(parsed, { items: levelsSheet(parsed, 0, i), assessedOn: "2025-12-31" }).recognized,
          ).toBe(false);
        }
      }
    }
  });

  it("plans the fund for any today: dated up to it, gifts of 200 000 to 50 000 000 đồng, no balance below zero", () => {
    const families = people(7, 8).map((p) => ({ name: p.name, address: "Số 1, ngõ 2" }));
    for (const day of ["2025-07-01", today, "2031-12-31"]) {
      const plan = fundPlan({
        today: day,
        families,
        clans: [{ name: "Họ Lê Văn", headName: "Lê Văn Hải" }],
        homes: [{ code: "TDP1-001", village: "Tổ dân phố số 1" }],
      });
      // The beneficiaries list: four teachers, pupils in grades 1 to 9, nobody twice.
      const listed = listedPlan(plan, day, [{ code: "TDP1-001", village: "Tổ dân phố số 1" }]);
      expect(listed.filter((b) => b.kind === "teacher")).toHaveLength(4);
      expect(new Set(listed.map((b) => listedKey({ ...b, name: b.fullName }))).size).toBe(listed.length);
      for (const b of listed.filter((b) => b.kind === "student"))
        expect(b.class, `${day} ${b.fullName}`).toMatch(/^[1-9][A-D]$/);
      const balance: Record<string, number> = { cash: 0, bank: 0, general: 0, scholarship: 0 };
      const typo = new Map<string, { amount: number; asset: string; purpose: string }>();
      const donors = new Set(plan.donors.map((d) => d.name));
      for (const { steps } of plan.years)
        for (const s of steps) {
          if ("on" in s) expect(s.on <= day, `${day} ${s.on}`).toBe(true);
          if (s.step === "receipt") {
            expect(s.amount).toBeGreaterThanOrEqual(200_000);
            expect(s.amount).toBeLessThanOrEqual(50_000_000);
            balance[s.asset]! += s.amount;
            balance[s.purpose]! += s.amount;
            if (s.label) typo.set(s.label, s);
          } else if (s.step === "reversal") {
            const r = typo.get(s.label)!;
            balance[r.asset]! -= r.amount;
            balance[r.purpose]! -= r.amount;
          } else if (s.step === "transfer") {
            balance[s.from]! -= s.amount;
            balance[s.to]! += s.amount;
          } else if (s.step === "award") {
            expect(s.recipients.length).toBe(30);
            for (const r of s.recipients) {
              balance.cash! -= r.amount;
              balance[s.purpose]! -= r.amount;
              expect(donors.has(r.name)).toBe(false);
            }
          } else if (s.step === "round") {
            expect(s.awards.length).toBeGreaterThan(0);
            for (const a of s.awards) {
              balance[a.asset]! -= a.amount;
              balance[s.purpose]! -= a.amount;
              if (a.minor) expect(donors.has(a.name)).toBe(false);
            }
          }
          for (const [key, value] of Object.entries(balance))
            expect(value, `${day} ${key}`).toBeGreaterThanOrEqual(0);
        }
      expect(plan.years.map((y) => y.year).at(-1)).toBe(Number(day.slice(0, 4)));
    }
  });

  it("plans a Hội with nothing after its last day, on the first day its books open as on a later one", () => {
    const ward = {
      communeId: 1,
      villages: [1, 2, 3].map((n) => ({
        id: 10 + n,
        name: `Tổ dân phố số ${n}`,
        households: [{ id: 100 + n, headName: `Nguyễn Văn Chủ Hộ ${n}`, headSex: "male" as const }],
      })),
      clans: [{ id: 5, name: "Họ Nguyễn Văn" }],
      organizations: ["TH01", "CQ01", "CQ02", "DN01"].map((code, i) => ({ id: 20 + i, code, name: code })),
    };
    const plan = demoAssociationPlans[0]!;
    for (const until of [reformDate, "2026-03-01", `${year}-11-30`]) {
      const { chapters, members } = planAssociation(plan, ward, until);
      expect(planAssociation(plan, ward, until)).toEqual({ chapters, members });
      const dates = members.flatMap((m) => [
        m.body.joinedOn,
        m.transfer?.on ?? "",
        m.left?.on ?? "",
        ...m.payments.map((p) => p.paidOn),
      ]);
      expect(
        dates.filter((d) => d > until),
        until,
      ).toEqual([]);
      for (const m of members)
        for (const p of m.payments) {
          expect(p.year).toBe(Number(p.paidOn.slice(0, 4)));
          expect(p.paidOn >= m.body.joinedOn && (!m.left || p.paidOn < m.left.on)).toBe(true);
        }
      expect(chapters.every((c) => c.terms.length > 0 && c.terms.every((t) => t.from <= until))).toBe(true);
      expect(members.filter((m) => m.entry === "book").length).toBeGreaterThan(100);
    }
  });

  it("invents distinct names in the house's tone-mark style", () => {
    const names = people(1, 200).map((p) => p.name);
    expect(new Set(names).size).toBe(200);
    // The house's tone-mark style (Hòa, Thủy, Thúy).
    expect(names.flatMap(newStyleWords)).toEqual([]);
  });
});
