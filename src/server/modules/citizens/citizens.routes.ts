import { citizen, citizenInput, citizenListResponse, citizenUpdate } from "../../../shared/citizens";
import { createRouter } from "../../http/context";
import { registryRoutes } from "../../http/registry-routes";
import { citizenTemplate, exportCitizens, importCitizens } from "./citizens.import";
import { archiveCitizen, createCitizen, getCitizen, listCitizens, updateCitizen } from "./citizens.service";

export const citizenRoutes = createRouter();

registryRoutes(citizenRoutes, {
  segment: "citizens",
  tag: "Công dân học tập",
  itemKey: "citizen",
  schemas: { item: citizen, input: citizenInput, update: citizenUpdate, list: citizenListResponse },
  summaries: {
    list: "Công dân của một đơn vị (xã hoặc thôn), tìm theo họ tên không dấu; chỉ người dùng có phạm vi mới xem được",
    template: "Mẫu Excel danh sách công dân học tập",
    export: "Xuất danh sách công dân của một đơn vị ra Excel (cùng cột với mẫu nhập)",
    get: "Một công dân",
    create: "Thêm công dân vào một thôn, tổ dân phố (họ tên, năm sinh, đối tượng)",
    update: "Sửa công dân (chuyển thôn trong cùng xã, họ tên, năm sinh, đối tượng)",
    archive: "Lưu trữ công dân (chuyển đi, mất)",
    import: "Nhập danh sách công dân của một xã, phường từ Excel/CSV (dryRun=1: chỉ kiểm tra)",
  },
  descriptions: { list: "Danh sách công dân", item: "Công dân" },
  files: { template: "mau-danh-sach-cong-dan.xlsx", export: "danh-sach-cong-dan.xlsx" },
  service: {
    list: listCitizens,
    get: getCitizen,
    create: createCitizen,
    update: updateCitizen,
    archive: { run: archiveCitizen },
    template: citizenTemplate,
    export: exportCitizens,
    import: importCitizens,
  },
});
