/**
 * Who may do what: the one capability table of docs/ROLES.md. The server checks every action of the titles
 * cycle and the registries against it (src/server/auth/capabilities.ts), and the web shows, hides or disables
 * the same actions from it, so the pages never offer what the API refuses. Roles give permissions on the units
 * of a grant (and their subtrees); an action needs one of its permissions on the unit it acts on. The database's
 * row-level security maps roles to permissions in SQL (hieuhoc_roles_for); test/api/capabilities.test.ts keeps
 * the two equal.
 */
import type { RoleName } from "./api";

/**
 * `association` manages the Hội Khuyến học's chapters, members and dues; `association_read` reads its members
 * (personal data). A chapter secretary holds neither: their grant names one chapter (Actor.chapters). For the
 * learning-promotion funds, `fund` keeps a fund's books and `approve` approves its disbursements (docs/FUND.md).
 * `attendance` records a learning centre's sessions and attendance (a centre's teacher, data entry, unit admins).
 */
export type Permission =
  | "read"
  | "write"
  | "review"
  | "admin"
  | "association"
  | "association_read"
  | "fund"
  | "approve"
  | "attendance";
export const permissions: readonly Permission[] = [
  "read",
  "write",
  "review",
  "admin",
  "association",
  "association_read",
  "fund",
  "approve",
  "attendance",
];

/** The permissions each role gives on the units of its grant. */
export const rolePermissions: Record<RoleName, readonly Permission[]> = {
  system_admin: [
    "read",
    "write",
    "review",
    "admin",
    "association",
    "association_read",
    "fund",
    "approve",
    "attendance",
  ],
  unit_admin: [
    "read",
    "write",
    "review",
    "admin",
    "association",
    "association_read",
    "fund",
    "approve",
    "attendance",
  ],
  data_entry: ["read", "write", "attendance"],
  reviewer: ["read", "review", "approve"],
  viewer: ["read", "association_read"],
  association_admin: ["read", "association", "association_read", "fund", "approve"],
  chapter_secretary: ["read"],
  treasurer: ["read", "fund"],
  teacher: ["read", "attendance"],
};

type Capability = {
  /** Any one of these on the unit acted on allows the action. */
  permissions: readonly Permission[];
  /** What the action is, after "được" in a sentence ("Chỉ … được <vi>"). */
  vi: string;
  en: string;
};

/**
 * The actions of the titles cycle, the registries and the funds. The unit acted on: the subject's village or
 * commune (register, assess), the meeting's village or commune (review), the commune (decisions, registry imports,
 * a fund's books).
 */
export const capabilities = {
  "registry.edit": {
    permissions: ["write"],
    vi: "thêm, sửa, lưu trữ, nhập danh sách vào sổ theo dõi",
    en: "add, edit, archive and import registry rows",
  },
  "association.edit": {
    permissions: ["association"],
    vi: "quản lý chi hội, hội viên và hội phí",
    en: "manage chapters, members and dues",
  },
  "commendation.association": {
    permissions: ["write", "association"],
    vi: "ghi khen thưởng của Hội Khuyến học (giấy khen, bằng khen của Hội, kỷ niệm chương)",
    en: "record the association's commendations (its certificates and medal)",
  },
  "cycle.register": {
    permissions: ["write"],
    vi: "đăng ký danh hiệu, chuyển năm",
    en: "register for a title and carry the list forward",
  },
  "cycle.assess": {
    permissions: ["write"],
    vi: "chấm phiếu tự đánh giá, thêm minh chứng, nhập kết quả từ Excel",
    en: "fill in score sheets, add evidence, import results",
  },
  "cycle.review": {
    permissions: ["write"],
    vi: "ghi kết quả họp bình xét",
    en: "record the results of the review meeting",
  },
  "cycle.draft": {
    permissions: ["write", "review"],
    vi: "lập dự thảo quyết định công nhận, thu hồi và hủy dự thảo",
    en: "draft recognition and revocation decisions and cancel drafts",
  },
  "cycle.issue": {
    permissions: ["review"],
    vi: "ban hành quyết định (dự thảo do người khác lập)",
    en: "issue decisions (drafted by someone else)",
  },
  "fund.keep": {
    permissions: ["fund"],
    vi: "giữ sổ quỹ khuyến học (lập quỹ, phiếu thu, chuyển tiền, đảo bút toán, đề xuất chi, chi, khóa sổ)",
    en: "keep a fund's books (create funds, receipts, transfers, reversals, propose and pay, close a year)",
  },
  "fund.approve": {
    permissions: ["approve"],
    vi: "duyệt hoặc từ chối khoản chi, công khai thu – chi của quỹ khuyến học",
    en: "approve or reject a fund's disbursements and publish a year's disclosure",
  },
  "centre.attend": {
    permissions: ["attendance"],
    vi: "ghi buổi học và điểm danh học viên của trung tâm học tập cộng đồng",
    en: "record a learning centre's sessions and attendance",
  },
  "centre.plan.approve": {
    permissions: ["review"],
    vi: "duyệt và mở lại kế hoạch hoạt động năm của trung tâm học tập cộng đồng",
    en: "approve and reopen a learning centre's yearly plan",
  },
  "stats.year.close": {
    permissions: ["review"],
    vi: "khóa số liệu năm (chốt tổng số để tính tỷ lệ) và mở lại",
    en: "close a year's figures (freeze the totals the rates divide by) and reopen it",
  },
  "report.prepare": {
    permissions: ["write", "review", "association"],
    vi: "lập báo cáo, kế hoạch từ số liệu (xem trước, tải .docx, .pdf)",
    en: "prepare reports and plans from the figures (preview, .docx, .pdf)",
  },
  "privacy.request": {
    permissions: ["admin"],
    vi: "tiếp nhận, xử lý yêu cầu của chủ thể dữ liệu (xem, sao, sửa, xóa dữ liệu cá nhân)",
    en: "register and handle data-subject requests (access, copy, correct, delete personal data)",
  },
  "privacy.log": {
    permissions: ["admin"],
    vi: "xem nhật ký xử lý dữ liệu cá nhân (ai đã xem, xuất danh sách)",
    en: "read the processing log (who viewed or exported personal data)",
  },
  "privacy.breach": {
    permissions: ["admin"],
    vi: "ghi sổ sự cố dữ liệu cá nhân và lập thông báo gửi Bộ Công an",
    en: "keep the personal-data breach register and write the notification letter",
  },
} as const satisfies Record<string, Capability>;

export type Action = keyof typeof capabilities;
export const actions = Object.keys(capabilities) as Action[];

/** The caller's permissions on one unit. */
export type Can = Record<Permission, boolean>;

/** The action of editing a registry kind written with `write` (the government's) or `association` (the Hội's). */
export const editAction = (write: "write" | "association" | Permission): Action =>
  write === "association" ? "association.edit" : "registry.edit";

export function allows(can: Can, action: Action): boolean {
  return capabilities[action].permissions.some((p) => can[p]);
}

export function roleAllows(role: RoleName, action: Action): boolean {
  return capabilities[action].permissions.some((p) => rolePermissions[role].includes(p));
}

/** The roles whose grants give a permission. */
export const rolesWith = (permission: Permission): RoleName[] =>
  (Object.keys(rolePermissions) as RoleName[]).filter((role) => rolePermissions[role].includes(permission));

/** The roles that may take an action (on a unit of their grant), in the order of `rolePermissions`. */
export function rolesFor(action: Action): RoleName[] {
  return (Object.keys(rolePermissions) as RoleName[]).filter((role) => roleAllows(role, action));
}

export const roleNamesVi: Record<RoleName, string> = {
  system_admin: "Quản trị hệ thống",
  unit_admin: "Quản trị đơn vị",
  data_entry: "Nhập liệu",
  reviewer: "Phê duyệt",
  viewer: "Xem",
  association_admin: "Quản trị Hội Khuyến học",
  chapter_secretary: "Thư ký chi hội",
  treasurer: "Thủ quỹ",
  teacher: "Giáo viên trung tâm",
};

/** The refusal of an action, naming the roles that may take it: "Chỉ Nhập liệu, … được ghi kết quả … ở <where>". */
export function refusal(action: Action, where?: string): string {
  const who = rolesFor(action)
    .filter((role) => role !== "system_admin")
    .map((role) => roleNamesVi[role])
    .join(", ");
  return `Chỉ vai trò ${who} được ${capabilities[action].vi}${where ? ` ở ${where}` : ""}`;
}
