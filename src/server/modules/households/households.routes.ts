import {
  archiveRequest,
  household,
  householdInput,
  householdListResponse,
  householdUpdate,
} from "../../../shared/registries";
import { createRouter } from "../../http/context";
import { registryRoutes } from "../../http/registry-routes";
import { uploadedFile } from "../../http/upload";
import { exportHouseholds } from "./households.export";
import { householdTemplate, importHouseholds } from "./households.import";
import {
  archiveHousehold,
  createHousehold,
  getHousehold,
  listHouseholds,
  updateHousehold,
} from "./households.service";

export const householdRoutes = createRouter();

export { uploadedFile };

registryRoutes(householdRoutes, {
  segment: "households",
  tag: "Hộ gia đình",
  itemKey: "household",
  schemas: {
    item: household,
    input: householdInput,
    update: householdUpdate,
    list: householdListResponse,
  },
  summaries: {
    list: "Hộ gia đình của một đơn vị (xã hoặc thôn), tìm theo tên chủ hộ không dấu hoặc mã hộ",
    template: "Mẫu Excel danh sách hộ gia đình",
    export: "Xuất danh sách hộ của một đơn vị ra Excel (cùng cột với mẫu nhập)",
    get: "Một hộ gia đình",
    create: "Thêm hộ gia đình vào một thôn, tổ dân phố",
    update: "Sửa hộ gia đình (chuyển thôn trong cùng xã, đổi chủ hộ, số nhân khẩu...)",
    archive: "Lưu trữ hộ (chuyển đi, nhập hộ, không còn)",
    import: "Nhập danh sách hộ của một xã, phường từ Excel/CSV (dryRun=1: chỉ kiểm tra)",
  },
  descriptions: { list: "Danh sách hộ", item: "Hộ gia đình" },
  files: { template: "mau-danh-sach-ho.xlsx", export: "danh-sach-ho.xlsx" },
  service: {
    list: listHouseholds,
    get: getHousehold,
    create: createHousehold,
    update: updateHousehold,
    archive: {
      body: archiveRequest,
      run: (db, actor, id, body) => archiveHousehold(db, actor, id, body.reason),
    },
    template: householdTemplate,
    export: exportHouseholds,
    import: importHouseholds,
  },
});
