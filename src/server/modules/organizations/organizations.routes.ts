import {
  organization,
  organizationInput,
  organizationListResponse,
  organizationUpdate,
} from "../../../shared/organizations";
import { createRouter } from "../../http/context";
import { registryRoutes } from "../../http/registry-routes";
import { exportOrganizations, importOrganizations, organizationTemplate } from "./organizations.import";
import {
  archiveOrganization,
  createOrganization,
  getOrganization,
  listOrganizations,
  updateOrganization,
} from "./organizations.service";

export const organizationRoutes = createRouter();

registryRoutes(organizationRoutes, {
  segment: "organizations",
  tag: "Cơ quan, đơn vị",
  itemKey: "organization",
  schemas: {
    item: organization,
    input: organizationInput,
    update: organizationUpdate,
    list: organizationListResponse,
  },
  summaries: {
    list: "Cơ quan, trường học, doanh nghiệp của một đơn vị, tìm theo tên không dấu hoặc mã",
    template: "Mẫu Excel danh sách cơ quan, đơn vị",
    export: "Xuất danh sách cơ quan, đơn vị của một đơn vị ra Excel (cùng cột với mẫu nhập)",
    get: "Một cơ quan, đơn vị",
    create: "Thêm cơ quan, đơn vị vào một xã, phường hoặc thôn",
    update: "Sửa cơ quan, đơn vị (mã, tên, loại hình, nơi thuộc)",
    archive: "Lưu trữ cơ quan, đơn vị (giải thể, chuyển đi)",
    import: "Nhập danh sách cơ quan, đơn vị của một xã, phường từ Excel/CSV (dryRun=1: chỉ kiểm tra)",
  },
  descriptions: { list: "Danh sách cơ quan, đơn vị", item: "Cơ quan, đơn vị" },
  files: { template: "mau-danh-sach-co-quan.xlsx", export: "danh-sach-co-quan.xlsx" },
  service: {
    list: listOrganizations,
    get: getOrganization,
    create: createOrganization,
    update: updateOrganization,
    archive: { run: archiveOrganization },
    template: organizationTemplate,
    export: exportOrganizations,
    import: importOrganizations,
  },
});
