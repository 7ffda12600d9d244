/**
 * The registry page is made from a kind's declaration. The web bundles the declarations (src/shared/registry/kinds),
 * so a throw-away kind cannot be opened in the built app; its page is shown here instead, through the functions the
 * page renders from: texts, list columns and cells, form fields with widgets and rules, starting values and body.
 */
import { describe, expect, it } from "vitest";
import { clans, households, organizations } from "../../src/shared/registry/kinds";
import type { RegistryItem } from "../../src/web/api/registries";
import {
  bodyOf,
  cellText,
  formFields,
  initialValues,
  listColumns,
  pageTexts,
} from "../../src/web/components/registry/derive";
import { testPets } from "../fixtures/test-pets";

const pet: RegistryItem = {
  id: 7,
  communeId: 1,
  village: {
    id: 11,
    code: "01",
    name: "Thôn Đông",
    level: "village",
    kind: "Thôn",
    communeName: "Xã An Phú",
  },
  code: "007",
  name: "Mướp",
  species: "dog",
  born: "2020-03-05",
  legs: 4,
  householdId: null,
  archivedAt: null,
  archivedReason: null,
  version: 3,
};

describe("the registry page of a kind added by a declaration", () => {
  it("has its texts in both languages", () => {
    const vi = pageTexts(testPets, "vi");
    expect(vi).toMatchObject({
      title: "Vật nuôi",
      add: "Thêm vật nuôi",
      search: "Tìm tên, mã vật nuôi (không cần dấu)",
      showArchived: "Vật nuôi đã lưu trữ",
      importTitle: "Nhập danh sách vật nuôi từ Excel",
    });
    expect(vi.importHelp).toContain("Mã vật nuôi, Thôn, tổ dân phố, Tên con vật, Loài, Ngày sinh, Số chân");
    expect(vi.count(3)).toBe("3 vật nuôi");
    const en = pageTexts(testPets, "en");
    expect([en.title, en.add, en.count(2), en.empty]).toEqual(["Pets", "Add pet", "2 pets", "No pets yet."]);
  });

  it("lists the declared columns, the title first in its cell, numbers to the right, choices by label", () => {
    expect(listColumns(testPets, "vi")).toEqual([
      { key: "code", title: "Mã vật nuôi", role: "value" },
      { key: "name", title: "Tên", role: "title" },
      { key: "species", title: "Loài", role: "value" },
      { key: "unit", title: "Thôn, tổ dân phố", role: "value" },
      { key: "legs", title: "Số chân", role: "value", align: "right" },
    ]);
    const cells = (lang: "vi" | "en") =>
      ["species", "unit", "born", "legs"].map((k) => cellText(testPets, k, pet, lang));
    expect(cells("vi")).toEqual(["Chó", "Thôn Đông", "05/03/2020", "4"]);
    expect(cells("en")[0]).toBe("Dog");
    // Above a commune the village is named with its commune: villages of the same name in different communes.
    expect(cellText(testPets, "unit", pet, "vi", true)).toBe("Thôn Đông, Xã An Phú");
    const ownCommune = {
      ...pet,
      village: { ...(pet.village as object), level: "commune", name: "Xã An Phú" },
    };
    expect(cellText(testPets, "unit", ownCommune, "vi", true)).toBe("Xã An Phú");
  });

  it("makes the form from the declared fields: widgets, limits, messages, the code hint when adding", () => {
    const fields = formFields(testPets, "vi", true);
    expect(fields.map((f) => [f.name, f.widget, f.required])).toEqual([
      ["villageId", "village", true],
      ["name", "text", true],
      ["species", "choice", false],
      ["born", "date", false],
      ["legs", "number", false],
      ["code", "code", false],
      ["householdId", "reference", false],
    ]);
    const byName = Object.fromEntries(fields.map((f) => [f.name, f]));
    expect(byName.name).toMatchObject({
      max: 100,
      requiredMessage: "Nhập tên con vật",
      testId: "pet-name-input",
    });
    expect(byName.legs).toMatchObject({ min: 0, max: 8 });
    expect(byName.species!.options).toEqual([
      { value: "cat", label: "Mèo" },
      { value: "dog", label: "Chó" },
      { value: "buffalo", label: "Trâu" },
    ]);
    expect(byName.code!.help).toBe("Để trống để hệ thống tự cấp mã");
    expect(byName.householdId!.kind).toBe("households");
    expect(formFields(testPets, "vi", false).find((f) => f.name === "code")!.help).toBeUndefined();
  });

  it("starts a new row in the page's village with the defaults, and sends what the API takes", () => {
    const start = initialValues(testPets, null, { villageId: null, communeId: 1, firstVillageId: 11 });
    expect(start).toEqual({ villageId: 11, species: "cat" });
    const body = bodyOf(testPets, { ...start, name: "  Mun ", code: "", born: undefined, legs: 4 }, 1);
    expect(body).toEqual({
      villageId: 11,
      name: "Mun",
      born: null,
      legs: 4,
      householdId: null,
      species: "cat",
    });
    expect(initialValues(testPets, pet, { villageId: null, communeId: 1 })).toMatchObject({
      villageId: 11,
      name: "Mướp",
      species: "dog",
    });
  });
});

describe("the platform's registry pages, from their declarations", () => {
  it("show the columns the pages showed before the engine", () => {
    const keys = (kind: Parameters<typeof listColumns>[0]) => listColumns(kind, "vi").map((c) => c.key);
    expect(keys(households)).toEqual(["code", "headName", "unit", "members"]);
    expect(keys(clans)).toEqual(["name", "headName", "householdIds"]);
    expect(listColumns(clans, "vi")[2]).toMatchObject({ role: "count", align: "right" });
    expect(keys(organizations)).toEqual(["code", "name", "kind", "unit"]);
  });

  it("let a household's head's sex be chosen, a clan's households be picked and an organisation sit in the commune", () => {
    expect(formFields(households, "vi", true).find((f) => f.name === "headSex")).toMatchObject({
      label: "Giới tính chủ hộ",
      widget: "choice",
      options: [
        { value: "male", label: "Nam" },
        { value: "female", label: "Nữ" },
      ],
    });
    expect(formFields(clans, "vi", false).map((f) => [f.name, f.widget])).toEqual([
      ["name", "text"],
      ["headName", "text"],
      ["householdIds", "members"],
    ]);
    expect(formFields(organizations, "vi", true)[2]).toMatchObject({ name: "unitId", widget: "place" });
    expect(initialValues(organizations, null, { villageId: null, communeId: 5 }).unitId).toBe(5);
  });
});
