/**
 * The one message catalogue of the web app. `vi` is the default language; `en` must have exactly the same keys
 * (the type checker enforces it). Placeholders are written `{name}` and filled by `t(key, { name })`.
 */
import { createContext, useCallback, useContext } from "react";
import { associationEn, associationVi } from "./association";
import { attendanceEn, attendanceVi } from "./attendance";
import { awardEn, awardVi } from "./award";
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

const baseVi = {
  "app.name": "Hiếu Học",
  "app.tagline": "Nền tảng mở xây dựng xã hội học tập",
  "lang.label": "Ngôn ngữ",
  "lang.vi": "Tiếng Việt",
  "lang.en": "English",

  "nav.units": "Đơn vị hành chính",
  "nav.users": "Người dùng",
  "nav.audit": "Nhật ký",
  "nav.admin": "Quản trị",
  "nav.menu": "Menu",
  "nav.logout": "Đăng xuất",
  "nav.loggedInAs": "Đang đăng nhập: {name}",

  "common.loading": "Đang tải…",
  "common.cancel": "Hủy",
  "common.save": "Lưu",
  "common.retry": "Thử lại",
  "common.actions": "Thao tác",
  "common.empty": "Không có dữ liệu",

  "error.network": "Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.",
  "error.generic": "Có lỗi xảy ra (mã {status}). Vui lòng thử lại.",
  "error.sessionExpired": "Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.",
  "error.notFoundPage": "Không tìm thấy trang này.",
  "stale.title": "Dữ liệu đã có người khác sửa",
  "stale.changedBy": "Đã được {who} sửa lúc {when}.",
  "stale.changedBySomeone": "Đã được người khác sửa sau khi bạn mở.",
  "stale.notSaved": "Thay đổi của bạn chưa được lưu: hãy tải lại để xem bản mới nhất rồi sửa tiếp.",
  "stale.reload": "Tải lại",
  "stale.close": "Đóng",

  "login.title": "Đăng nhập",
  "login.username": "Tên đăng nhập",
  "login.password": "Mật khẩu",
  "login.submit": "Đăng nhập",
  "login.usernameRequired": "Nhập tên đăng nhập",
  "login.passwordRequired": "Nhập mật khẩu",
  "logout.done": "Đã đăng xuất.",

  "level.province": "Cấp tỉnh",
  "level.district": "Cấp huyện",
  "level.commune": "Cấp xã",
  "level.village": "Thôn, tổ dân phố",

  "units.title": "Đơn vị hành chính",
  "units.asOf": "Ranh giới tại ngày",
  "units.tree": "Cây đơn vị",
  "units.search": "Tìm đơn vị",
  "units.searchPlaceholder": "Nhập tên hoặc mã, ví dụ: tay ho",
  "units.searchHint": "Gõ ít nhất 2 ký tự. Không cần gõ dấu.",
  "units.noHits": "Không tìm thấy đơn vị nào.",
  "units.hitCount": "{count} kết quả",
  "units.emptyTree": "Không có đơn vị nào tại ngày này.",
  "units.ended": "Hết hiệu lực {date}",

  "unit.name": "Tên",
  "unit.kind": "Loại",
  "unit.code": "Mã",
  "unit.level": "Cấp",
  "unit.validFrom": "Hiệu lực từ",
  "unit.validTo": "Hiệu lực đến",
  "unit.openEnded": "Đang hiệu lực",
  "unit.unknownDate": "Không rõ",
  "unit.children": "Đơn vị trực thuộc",
  "unit.childrenAsOf": "Đơn vị trực thuộc (tại ngày {date})",
  "unit.noChildren": "Không có đơn vị trực thuộc.",
  "unit.info": "Thông tin",
  "unit.history": "Lịch sử",
  "unit.predecessors": "Đơn vị tiền thân",
  "unit.successors": "Đơn vị kế thừa",
  "unit.noPredecessors": "Không có đơn vị tiền thân.",
  "unit.noSuccessors": "Không có đơn vị kế thừa.",
  "unit.retired": "Đã hết hiệu lực",
  "unit.forbidden": "Bạn không có quyền xem đơn vị này",
  "unit.notFound": "Không tìm thấy",
  "unit.notFoundSub": "Đơn vị không tồn tại hoặc đã bị xóa.",
  "unit.backToList": "Về danh sách đơn vị",

  "history.unit": "Đơn vị",
  "history.kind": "Hình thức",
  "history.coverage": "Phạm vi",
  "history.effectiveDate": "Ngày hiệu lực",
  "history.depth": "Quan hệ",
  "history.kind.merge": "Sáp nhập",
  "history.kind.split": "Chia tách",
  "history.kind.rename": "Đổi tên",
  "history.coverage.full": "Toàn bộ",
  "history.coverage.partial": "Một phần",
  "history.depth.direct": "Trực tiếp",
  "history.depth.indirect": "Gián tiếp ({depth} bước)",

  "village.add": "Thêm thôn, tổ dân phố",
  "village.code": "Mã (không bắt buộc)",
  "village.name": "Tên",
  "village.kind": "Loại",
  "village.nameRequired": "Nhập tên",
  "village.kindRequired": "Chọn loại",
  "village.added": "Đã thêm {name}.",
  "village.kind.thon": "Thôn",
  "village.kind.toDanPho": "Tổ dân phố",
  "village.kind.khuPho": "Khu phố",
  "village.kind.ap": "Ấp",
  "village.kind.ban": "Bản",
  "village.kind.khuDanCu": "Khu dân cư",
  "village.rename": "Đổi tên",
  "village.newName": "Tên mới",
  "village.renamed": "Đã đổi tên.",
  "village.retire": "Giải thể",
  "village.retireDate": "Ngày giải thể",
  "village.retireConfirm": "Đơn vị sẽ hết hiệu lực từ ngày đã chọn. Tiếp tục?",
  "village.retired": "Đã giải thể.",
  "village.merge": "Sáp nhập vào đơn vị khác",
  "village.mergeInto": "Sáp nhập vào",
  "village.mergeIntoRequired": "Chọn đơn vị nhận sáp nhập",
  "village.mergeDate": "Ngày sáp nhập",
  "village.mergeNoTarget": "Không có thôn, tổ dân phố nào khác trong cùng xã.",
  "village.merged": "Đã sáp nhập.",
  "village.dateRequired": "Chọn ngày",
  "village.actions": "Thao tác với đơn vị",

  "import.title": "Nhập danh sách thôn, tổ dân phố từ Excel",
  "import.help":
    "Tải tệp mẫu, điền danh sách rồi chọn tệp (.xlsx hoặc .csv). Hệ thống kiểm tra trước, chưa ghi gì cho đến khi bạn bấm “Nhập chính thức”.",
  "import.template": "Tải tệp mẫu",
  "import.chooseFile": "Chọn tệp",
  "import.check": "Kiểm tra tệp",
  "import.run": "Nhập chính thức",
  "import.fileRequired": "Chọn một tệp .xlsx hoặc .csv",
  "import.reportDry": "Kết quả kiểm tra (chưa ghi dữ liệu)",
  "import.reportDone": "Đã nhập xong",
  "import.total": "Tổng số dòng",
  "import.created": "Thêm mới",
  "import.updated": "Cập nhật",
  "import.unchanged": "Không đổi",
  "import.errors": "Lỗi",
  "import.row": "Dòng",
  "import.column": "Cột",
  "import.message": "Nội dung lỗi",
  "import.hasErrors": "Tệp có {count} lỗi. Sửa tệp rồi kiểm tra lại.",
  "import.ok": "Tệp hợp lệ. Bấm “Nhập chính thức” để ghi dữ liệu.",

  "users.title": "Người dùng và phân quyền",
  "users.create": "Tạo người dùng",
  "users.username": "Tên đăng nhập",
  "users.fullName": "Họ tên",
  "users.password": "Mật khẩu",
  "users.passwordHint": "Ít nhất 10 ký tự",
  "users.passwordTooShort": "Mật khẩu cần ít nhất 10 ký tự",
  "users.role": "Vai trò",
  "users.unit": "Đơn vị",
  "users.unitPlaceholder": "Gõ để tìm đơn vị",
  "users.unitRequired": "Chọn đơn vị",
  "users.roleRequired": "Chọn vai trò",
  "users.usernameRequired": "Nhập tên đăng nhập",
  "users.fullNameRequired": "Nhập họ tên",
  "users.grants": "Quyền",
  "users.noGrants": "Chưa có quyền",
  "users.status": "Trạng thái",
  "users.active": "Đang hoạt động",
  "users.disabled": "Đã khóa",
  "users.disable": "Khóa",
  "users.enable": "Mở khóa",
  "users.addGrant": "Thêm quyền",
  "users.revoke": "Thu hồi quyền",
  "users.revokeConfirm": "Thu hồi quyền “{grant}”?",
  "users.created": "Đã tạo người dùng {name}.",
  "users.grantAdded": "Đã thêm quyền.",
  "users.grantRevoked": "Đã thu hồi quyền.",
  "users.updated": "Đã cập nhật.",
  "users.nationwide": "Toàn quốc",
  "users.grantFor": "Thêm quyền cho {name}",
  "role.system_admin": "Quản trị hệ thống",
  "role.unit_admin": "Quản trị đơn vị",
  "role.data_entry": "Nhập liệu",
  "role.reviewer": "Phê duyệt",
  "role.viewer": "Xem",
  "role.association_admin": "Hội Khuyến học",
  "role.chapter_secretary": "Thư ký chi hội",
  "role.treasurer": "Thủ quỹ",
  "role.teacher": "Giáo viên trung tâm",

  "audit.title": "Nhật ký thao tác",
  "audit.time": "Thời gian",
  "audit.actor": "Người thực hiện",
  "audit.action": "Thao tác",
  "audit.entity": "Đối tượng",
  "audit.unit": "Đơn vị",
  "audit.before": "Trước",
  "audit.after": "Sau",
  "audit.more": "Xem thêm",
  "audit.filterUnit": "Lọc theo đơn vị",
  "audit.end": "Đã hiển thị hết nhật ký.",
  "audit.action.create": "Tạo mới",
  "audit.action.update": "Cập nhật",
  "audit.action.rename": "Đổi tên",
  "audit.action.retire": "Giải thể",
  "audit.action.merge": "Sáp nhập",
  "audit.action.import": "Nhập từ tệp",
  "audit.action.grant": "Cấp quyền",
  "audit.action.revoke": "Thu hồi quyền",
  "audit.entity.user": "Người dùng",
  "audit.entity.role_grant": "Quyền",
  "audit.entity.admin_unit": "Đơn vị",
  "audit.entity.admin_units": "Danh mục đơn vị",
  "audit.entity.unit_successions": "Lịch sử đơn vị",
} as const;

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

const baseEn: Record<keyof typeof baseVi, string> = {
  "app.name": "Hiếu Học",
  "app.tagline": "An open platform for a learning society",
  "lang.label": "Language",
  "lang.vi": "Tiếng Việt",
  "lang.en": "English",

  "nav.units": "Administrative units",
  "nav.users": "Users",
  "nav.audit": "Audit log",
  "nav.admin": "Administration",
  "nav.menu": "Menu",
  "nav.logout": "Log out",
  "nav.loggedInAs": "Signed in as {name}",

  "common.loading": "Loading…",
  "common.cancel": "Cancel",
  "common.save": "Save",
  "common.retry": "Retry",
  "common.actions": "Actions",
  "common.empty": "No data",

  "error.network": "Cannot reach the server. Please check the network and try again.",
  "error.generic": "Something went wrong (code {status}). Please try again.",
  "error.sessionExpired": "Your session has expired. Please sign in again.",
  "error.notFoundPage": "This page does not exist.",
  "stale.title": "Someone else changed this record",
  "stale.changedBy": "Changed by {who} at {when}.",
  "stale.changedBySomeone": "Changed by someone else after you opened it.",
  "stale.notSaved": "Your changes were not saved: reload to see the latest version, then edit again.",
  "stale.reload": "Reload",
  "stale.close": "Close",

  "login.title": "Sign in",
  "login.username": "Username",
  "login.password": "Password",
  "login.submit": "Sign in",
  "login.usernameRequired": "Enter your username",
  "login.passwordRequired": "Enter your password",
  "logout.done": "Signed out.",

  "level.province": "Province",
  "level.district": "District",
  "level.commune": "Commune",
  "level.village": "Village / residential group",

  "units.title": "Administrative units",
  "units.asOf": "Boundaries as of",
  "units.tree": "Unit tree",
  "units.search": "Find a unit",
  "units.searchPlaceholder": "Name or code, e.g. tay ho",
  "units.searchHint": "Type at least 2 characters. Diacritics are optional.",
  "units.noHits": "No units found.",
  "units.hitCount": "{count} results",
  "units.emptyTree": "No units on this date.",
  "units.ended": "Ended {date}",

  "unit.name": "Name",
  "unit.kind": "Kind",
  "unit.code": "Code",
  "unit.level": "Level",
  "unit.validFrom": "Valid from",
  "unit.validTo": "Valid until",
  "unit.openEnded": "In force",
  "unit.unknownDate": "Unknown",
  "unit.children": "Subordinate units",
  "unit.childrenAsOf": "Subordinate units (as of {date})",
  "unit.noChildren": "No subordinate units.",
  "unit.info": "Details",
  "unit.history": "History",
  "unit.predecessors": "Predecessor units",
  "unit.successors": "Successor units",
  "unit.noPredecessors": "No predecessor units.",
  "unit.noSuccessors": "No successor units.",
  "unit.retired": "No longer in force",
  "unit.forbidden": "You are not allowed to view this unit",
  "unit.notFound": "Not found",
  "unit.notFoundSub": "The unit does not exist or was deleted.",
  "unit.backToList": "Back to the unit list",

  "history.unit": "Unit",
  "history.kind": "Change",
  "history.coverage": "Coverage",
  "history.effectiveDate": "Effective date",
  "history.depth": "Relation",
  "history.kind.merge": "Merge",
  "history.kind.split": "Split",
  "history.kind.rename": "Rename",
  "history.coverage.full": "Whole",
  "history.coverage.partial": "Part",
  "history.depth.direct": "Direct",
  "history.depth.indirect": "Indirect ({depth} steps)",

  "village.add": "Add a village / residential group",
  "village.code": "Code (optional)",
  "village.name": "Name",
  "village.kind": "Kind",
  "village.nameRequired": "Enter a name",
  "village.kindRequired": "Choose a kind",
  "village.added": "Added {name}.",
  "village.kind.thon": "Village (Thôn)",
  "village.kind.toDanPho": "Residential group (Tổ dân phố)",
  "village.kind.khuPho": "Quarter (Khu phố)",
  "village.kind.ap": "Hamlet (Ấp)",
  "village.kind.ban": "Hamlet (Bản)",
  "village.kind.khuDanCu": "Residential area (Khu dân cư)",
  "village.rename": "Rename",
  "village.newName": "New name",
  "village.renamed": "Renamed.",
  "village.retire": "Dissolve",
  "village.retireDate": "Dissolution date",
  "village.retireConfirm": "The unit will end on the chosen date. Continue?",
  "village.retired": "Dissolved.",
  "village.merge": "Merge into another unit",
  "village.mergeInto": "Merge into",
  "village.mergeIntoRequired": "Choose the receiving unit",
  "village.mergeDate": "Merge date",
  "village.mergeNoTarget": "There is no other village in the same commune.",
  "village.merged": "Merged.",
  "village.dateRequired": "Choose a date",
  "village.actions": "Unit actions",

  "import.title": "Import villages from Excel",
  "import.help":
    "Download the template, fill in the list and choose the file (.xlsx or .csv). The file is checked first; nothing is saved until you press “Import for real”.",
  "import.template": "Download template",
  "import.chooseFile": "Choose file",
  "import.check": "Check file",
  "import.run": "Import for real",
  "import.fileRequired": "Choose an .xlsx or .csv file",
  "import.reportDry": "Check result (nothing saved yet)",
  "import.reportDone": "Import finished",
  "import.total": "Rows",
  "import.created": "Created",
  "import.updated": "Updated",
  "import.unchanged": "Unchanged",
  "import.errors": "Errors",
  "import.row": "Row",
  "import.column": "Column",
  "import.message": "Error",
  "import.hasErrors": "The file has {count} errors. Fix it and check again.",
  "import.ok": "The file is valid. Press “Import for real” to save.",

  "users.title": "Users and roles",
  "users.create": "Create user",
  "users.username": "Username",
  "users.fullName": "Full name",
  "users.password": "Password",
  "users.passwordHint": "At least 10 characters",
  "users.passwordTooShort": "The password needs at least 10 characters",
  "users.role": "Role",
  "users.unit": "Unit",
  "users.unitPlaceholder": "Type to find a unit",
  "users.unitRequired": "Choose a unit",
  "users.roleRequired": "Choose a role",
  "users.usernameRequired": "Enter a username",
  "users.fullNameRequired": "Enter the full name",
  "users.grants": "Roles",
  "users.noGrants": "No roles yet",
  "users.status": "Status",
  "users.active": "Active",
  "users.disabled": "Disabled",
  "users.disable": "Disable",
  "users.enable": "Enable",
  "users.addGrant": "Add role",
  "users.revoke": "Revoke role",
  "users.revokeConfirm": "Revoke “{grant}”?",
  "users.created": "Created user {name}.",
  "users.grantAdded": "Role added.",
  "users.grantRevoked": "Role revoked.",
  "users.updated": "Updated.",
  "users.nationwide": "Nation-wide",
  "users.grantFor": "Add a role for {name}",
  "role.system_admin": "System administrator",
  "role.unit_admin": "Unit administrator",
  "role.data_entry": "Data entry",
  "role.reviewer": "Reviewer",
  "role.viewer": "Viewer",
  "role.association_admin": "Learning promotion association",
  "role.chapter_secretary": "Chapter secretary",
  "role.treasurer": "Treasurer",
  "role.teacher": "Centre teacher",

  "audit.title": "Audit log",
  "audit.time": "Time",
  "audit.actor": "By",
  "audit.action": "Action",
  "audit.entity": "Object",
  "audit.unit": "Unit",
  "audit.before": "Before",
  "audit.after": "After",
  "audit.more": "Load more",
  "audit.filterUnit": "Filter by unit",
  "audit.end": "No more entries.",
  "audit.action.create": "Create",
  "audit.action.update": "Update",
  "audit.action.rename": "Rename",
  "audit.action.retire": "Dissolve",
  "audit.action.merge": "Merge",
  "audit.action.import": "Import from file",
  "audit.action.grant": "Grant role",
  "audit.action.revoke": "Revoke role",
  "audit.entity.user": "User",
  "audit.entity.role_grant": "Role",
  "audit.entity.admin_unit": "Unit",
  "audit.entity.admin_units": "Unit list",
  "audit.entity.unit_successions": "Unit history",
};

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
