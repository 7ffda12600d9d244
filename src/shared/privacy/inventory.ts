/**
 * The personal-data inventory (danh mục dữ liệu cá nhân) the DPIA needs: every registry kind, from its declaration,
 * and the personal data kept outside the registries, declared here. The page /du-lieu-ca-nhan, GET /privacy/inventory
 * and its .docx read it; retention periods an admin changed come from the database (privacy_retention).
 */
import type { RoleName } from "../api";
import { type Permission, rolesWith } from "../capabilities";
import type { KindDeclaration, Label } from "../registry/declaration";
import { registryKinds } from "../registry/kinds";
import type { Audience, FieldPrivacy, KindPrivacy } from "./declaration";
import { adultName, householdLink, personSex } from "./fields";

/** A field of an entry, with its label. */
export type InventoryField = FieldPrivacy & { readonly label: Label };

/** One set of personal data: a registry kind or a table of a module. */
export type InventoryEntry = Omit<KindPrivacy, "fields"> & {
  /** The registry kind's name, or the module's key: the key of its retention period. */
  readonly key: string;
  readonly name: Label;
  /** A registry kind (its rows have a page of their own). */
  readonly registry?: boolean;
  readonly tables: readonly string[];
  /** Who reads the set (`readers`) and who keeps it (`keepers`), as permissions on the row's unit. */
  readonly access: {
    readonly read: Permission;
    readonly write: Permission;
    /** Other permissions that also see the keepers' fields (a fund's approvers). */
    readonly also?: readonly Permission[];
    readonly chapter?: boolean;
  };
  readonly fields: Readonly<Record<string, InventoryField>>;
};

const years = (n: number, vi: string, en: string) => ({ years: n, from: { vi, en } });
/** Luật Kế toán 88/2015/QH13, Điều 41: vouchers used for the books kept at least 10 years (not in RULES.md). */
const accountingMinimum = {
  years: 10,
  source: "Luật Kế toán 2015, Điều 41 (chứng từ ghi sổ: tối thiểu 10 năm)",
};
const field = (label: [string, string], privacy: FieldPrivacy): InventoryField => ({
  label: { vi: label[0], en: label[1] },
  ...privacy,
});
const keeper = (vi: string, en: string, extra: Partial<FieldPrivacy> = {}): FieldPrivacy => ({
  purpose: { vi, en },
  category: "basic",
  audience: "keepers",
  ...extra,
});
const reader = (vi: string, en: string, extra: Partial<FieldPrivacy> = {}): FieldPrivacy => ({
  purpose: { vi, en },
  category: "basic",
  audience: "readers",
  ...extra,
});

/** The personal data outside the registry kinds. */
export const moduleData: readonly InventoryEntry[] = [
  {
    key: "users",
    name: { vi: "Tài khoản người dùng", en: "User accounts" },
    tables: ["app_users", "role_grants", "sessions", "login_attempts"],
    purpose: {
      vi: "Đăng nhập, phân quyền, chống dò mật khẩu",
      en: "Sign-in, grants, password guessing limits",
    },
    basis: "contract",
    subjects: { vi: "Cán bộ, người dùng được cấp tài khoản", en: "Officers holding an account" },
    retention: years(5, "từ khi tài khoản bị khóa", "from the account's disabling"),
    access: { read: "admin", write: "admin" },
    fields: {
      fullName: field(["Họ và tên", "Full name"], reader("Người làm, người ký", "Who did or signed what")),
      username: field(["Tên đăng nhập", "Username"], keeper("Đăng nhập", "Sign-in")),
      ip: field(
        ["Địa chỉ IP lần đăng nhập", "Sign-in IP address"],
        keeper("Giới hạn đăng nhập sai", "Login limits", { basis: "security" }),
      ),
    },
  },
  {
    key: "audit",
    name: { vi: "Nhật ký thay đổi", en: "Audit log" },
    tables: ["audit_log"],
    purpose: {
      vi: "Ai sửa gì, lúc nào (trách nhiệm giải trình)",
      en: "Who changed what, when (accountability)",
    },
    basis: "security",
    subjects: {
      vi: "Người dùng; bản ghi trước, sau của dữ liệu đã sửa",
      en: "Users; before and after copies of changed rows",
    },
    retention: years(10, "từ ngày ghi nhật ký", "from the entry's date"),
    access: { read: "admin", write: "admin" },
    fields: {
      actorName: field(["Người thực hiện", "Actor"], keeper("Ai làm", "Who acted")),
      changes: field(
        ["Dữ liệu trước, sau", "Before and after"],
        keeper("Khôi phục, đối chiếu", "Restoring and checking"),
      ),
    },
  },
  {
    key: "registrations",
    name: {
      vi: "Hồ sơ danh hiệu, phiếu tự đánh giá, quyết định công nhận",
      en: "Title records, score sheets, decisions",
    },
    tables: ["registrations", "reviews", "decisions"],
    purpose: {
      vi: "Bình xét, công nhận danh hiệu học tập; giấy công nhận",
      en: "Reviewing and recognising learning titles",
    },
    basis: "commune_duty",
    subjects: {
      vi: "Hộ, công dân, dòng họ, cơ quan được đăng ký",
      en: "Registered households, citizens, clans, organisations",
    },
    retention: years(20, "từ năm của hồ sơ (quyết định là văn bản hành chính)", "from the record's year"),
    access: { read: "read", write: "write" },
    fields: {
      subjectName: field(
        ["Tên đối tượng", "Subject's name"],
        adultName("Danh sách công nhận, giấy công nhận", "Recognition lists and certificates"),
      ),
      scores: field(
        ["Điểm tự đánh giá, minh chứng", "Scores and evidence"],
        reader("Bình xét theo bộ tiêu chí", "Reviewing by the criteria"),
      ),
    },
  },
  {
    key: "attendance",
    name: {
      vi: "Học viên, điểm danh của trung tâm học tập cộng đồng",
      en: "Learning centres' learners and attendance",
    },
    tables: ["activity_learners", "attendance_marks", "activity_certificates"],
    purpose: {
      vi: "Điểm danh, số liệu người học, giấy chứng nhận hoàn thành",
      en: "Attendance, learners' statistics, certificates",
    },
    basis: "commune_duty",
    subjects: { vi: "Học viên (công dân, có thể dưới 18 tuổi)", en: "Learners (citizens, some minors)" },
    retention: years(5, "từ khi lớp học kết thúc", "from the end of the class"),
    access: { read: "read", write: "attendance" },
    fields: {
      learner: field(
        ["Học viên", "Learner"],
        reader("Danh sách lớp, điểm danh", "Class list, attendance", { minors: true }),
      ),
      present: field(["Có mặt", "Present"], reader("Giờ học, số lượt người", "Hours and attendance counts")),
      minority: field(
        ["Người dân tộc thiểu số", "Ethnic minority"],
        keeper("Số liệu người học dân tộc thiểu số", "Counts of minority learners", {
          category: "sensitive",
          sensitive: "ethnicity",
        }),
      ),
      female: field(["Nữ", "Female"], personSex),
    },
  },
  {
    key: "surveys",
    name: { vi: "Phiếu khảo sát nhu cầu học tập", en: "Learning needs survey answers" },
    tables: ["survey_responses"],
    purpose: { vi: "Lập kế hoạch lớp học theo nhu cầu", en: "Planning classes by need" },
    basis: "commune_duty",
    subjects: { vi: "Người trả lời (hộ, công dân)", en: "Respondents (households, citizens)" },
    retention: years(3, "từ năm khảo sát", "from the survey's year"),
    access: { read: "read", write: "write" },
    fields: {
      respondent: field(["Hộ, công dân trả lời", "Respondent"], householdLink),
      ageGroup: field(
        ["Nhóm tuổi, giới tính", "Age group, sex"],
        reader("Số liệu nhu cầu theo nhóm", "Needs by group", { minors: true }),
      ),
      topics: field(["Chủ đề muốn học", "Wished topics"], reader("Kế hoạch lớp học", "Class planning")),
    },
  },
  {
    key: "fund-transactions",
    name: {
      vi: "Phiếu thu, phiếu chi, danh sách nhận học bổng của quỹ",
      en: "Fund receipts, payments and award lists",
    },
    tables: ["fund_receipts", "fund_disbursements", "fund_award_recipients", "fund_transactions"],
    purpose: {
      vi: "Chứng từ kế toán của quỹ, danh sách ký nhận",
      en: "The fund's accounting vouchers and signature lists",
    },
    basis: "accounting",
    subjects: { vi: "Người nộp, người nhận (có trẻ em)", en: "Payers and recipients (children among them)" },
    retention: { ...years(10, "từ khi khóa sổ năm", "from the year's closing"), minimum: accountingMinimum },
    access: { read: "read", write: "fund", also: ["approve"] },
    fields: {
      payeeName: field(
        ["Tên người nộp, người nhận", "Payer's or recipient's name"],
        reader("Chứng từ, danh sách ký nhận", "Vouchers and signature lists", { minors: true }),
      ),
      amount: field(
        ["Số tiền nhận, đóng góp", "Amount received or given"],
        reader("Sổ quỹ, công khai", "Books and disclosure", {
          category: "sensitive",
          sensitive: "financial",
          minors: true,
        }),
      ),
      recipientBirthYear: field(
        ["Năm sinh người nhận", "Recipient's year of birth"],
        keeper("Không nêu tên trẻ em khi công khai", "Never naming a child in public", { minors: true }),
      ),
    },
  },
  {
    key: "fund-disclosures",
    name: { vi: "Công khai thu, chi của quỹ", en: "Fund disclosures" },
    tables: ["fund_disclosures"],
    purpose: {
      vi: "Công khai theo NĐ 03/2026 (trẻ em chỉ chữ cái đầu)",
      en: "Public disclosure (children by initials)",
    },
    basis: "fund_disclosure",
    subjects: {
      vi: "Nhà hảo tâm không xin ẩn danh, người nhận",
      en: "Donors who are not anonymous, recipients",
    },
    retention: { ...years(10, "từ năm công khai", "from the year disclosed"), minimum: accountingMinimum },
    access: { read: "read", write: "approve" },
    fields: {
      publicName: field(
        ["Tên công khai", "Published name"],
        adultName("Công khai đóng góp, chi", "Disclosure"),
      ),
    },
  },
  {
    key: "commendations",
    name: { vi: "Sổ khen thưởng", en: "Commendations" },
    tables: ["commendations"],
    purpose: { vi: "Ghi khen thưởng, đề nghị khen thưởng", en: "Commendations and proposals" },
    basis: "commune_duty",
    subjects: { vi: "Người, hộ, tập thể được khen", en: "Persons, households, groups commended" },
    retention: years(20, "từ năm khen thưởng", "from the commendation's year"),
    access: { read: "read", write: "write" },
    fields: {
      subjectName: field(
        ["Tên người, tập thể được khen", "Commended name"],
        adultName("Sổ khen thưởng", "The commendations book"),
      ),
    },
  },
  {
    key: "centre-staff",
    name: { vi: "Cán bộ trung tâm, ban chấp hành chi hội", en: "Centre staff and chapter committees" },
    tables: ["centre_staff", "chapter_officers"],
    purpose: {
      vi: "Ban giám đốc, giáo viên; ban chấp hành theo nhiệm kỳ",
      en: "Boards, teachers, committees by term",
    },
    basis: "contract",
    subjects: { vi: "Người được bổ nhiệm, bầu", en: "Appointed or elected persons" },
    retention: years(10, "từ khi thôi nhiệm vụ", "from leaving the post"),
    access: { read: "read", write: "write" },
    fields: {
      fullName: field(["Họ và tên", "Full name"], adultName("Danh sách cán bộ", "Staff lists")),
      post: field(["Chức vụ", "Post"], reader("Danh sách cán bộ", "Staff lists")),
    },
  },
];

/** A registry kind as an inventory entry (the kind must declare its privacy). */
export function kindEntry(kind: KindDeclaration): InventoryEntry {
  const privacy = kind.privacy;
  if (!privacy) throw new Error(`${kind.name} declares no privacy`);
  const fields: Record<string, InventoryField> = {};
  for (const [key, declared] of Object.entries(privacy.fields)) {
    const label = kind.fields[key]?.label;
    if (!label) throw new Error(`${kind.name}.${key}: no such field`);
    fields[key] = { label, ...declared };
  }
  return {
    key: kind.name,
    name: { vi: kind.noun.vi, en: kind.noun.enPlural },
    registry: true,
    tables: [kind.table],
    purpose: privacy.purpose,
    basis: privacy.basis,
    subjects: privacy.subjects,
    retention: privacy.retention,
    access: {
      read: kind.access?.read ?? "read",
      write: kind.access?.write ?? "write",
      ...(privacy.alsoKeptBy ? { also: privacy.alsoKeptBy } : {}),
      chapter: !!kind.access?.chapter,
    },
    fields,
  };
}

/** The whole inventory: the registry kinds, then the modules' data. */
export const inventoryEntries = (kinds: readonly KindDeclaration[] = registryKinds): InventoryEntry[] => [
  ...kinds.map(kindEntry),
  ...moduleData,
];

/** The roles that see a field of an entry. */
export function audienceRoles(entry: InventoryEntry, audience: Audience): RoleName[] | "all" {
  if (audience === "public") return "all";
  const permissions =
    audience === "readers" ? [entry.access.read] : [entry.access.write, ...(entry.access.also ?? [])];
  const roles = [...new Set(permissions.flatMap(rolesWith))];
  if (entry.access.chapter && !roles.includes("chapter_secretary")) roles.push("chapter_secretary");
  return roles;
}
