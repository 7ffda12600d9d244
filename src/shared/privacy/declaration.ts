/**
 * What personal data is kept, why, on what legal basis and for how long (Luật 91/2025/QH15, NĐ 356/2025/NĐ-CP;
 * ../shared/domain/RULES.md section 8). Every registry kind declares it beside its fields (`privacy` of a
 * KindDeclaration), and the personal data outside the registries (users, audit, attendance, survey answers, fund
 * payees, commendation subjects) in src/shared/privacy/inventory.ts. Plain data, like the kinds: the web page, the
 * DPIA inventory (.docx), the field projections of the API and the viewer-role test read the same declarations.
 */

import type { RoleName } from "../api";
import type { Permission } from "../capabilities";
import type { Label } from "../registry/declaration";

/** Legal bases of processing (cơ sở pháp lý của việc xử lý). */
export const legalBases = {
  commune_duty: {
    vi: "Thực hiện nhiệm vụ theo pháp luật của UBND xã, phường",
    en: "The commune's duties under law",
  },
  consent: { vi: "Sự đồng ý của chủ thể dữ liệu", en: "The data subject's consent" },
  association_consent: {
    vi: "Hoạt động hợp pháp của Hội Khuyến học, có sự đồng ý của hội viên",
    en: "The Hội Khuyến học's lawful activity, with the member's consent",
  },
  fund_disclosure: {
    vi: "Nghĩa vụ công khai thu, chi của quỹ (NĐ 03/2026/NĐ-CP)",
    en: "The fund's duty to disclose its receipts and payments (Decree 03/2026)",
  },
  accounting: {
    vi: "Nghĩa vụ lưu chứng từ, sổ kế toán (Luật Kế toán 2015)",
    en: "The duty to keep accounting vouchers and books (Accounting Law 2015)",
  },
  contract: { vi: "Thực hiện hợp đồng, phân công", en: "A contract or assignment" },
  security: {
    vi: "Bảo đảm an ninh, an toàn hệ thống và trách nhiệm giải trình",
    en: "Security of the system and accountability",
  },
} as const satisfies Record<string, Label>;
export type LegalBasis = keyof typeof legalBases;

/** Categories of data (Luật 91/2025): basic, sensitive, or not about a person at all (an organisation's phone). */
export const categories = {
  not_personal: { vi: "Không phải dữ liệu cá nhân", en: "Not personal data" },
  basic: { vi: "Dữ liệu cá nhân cơ bản", en: "Basic personal data" },
  sensitive: { vi: "Dữ liệu cá nhân nhạy cảm", en: "Sensitive personal data" },
} as const satisfies Record<string, Label>;
export type Category = keyof typeof categories;

/** What makes a sensitive field sensitive. */
export const sensitiveKinds = {
  financial: { vi: "tài chính (số tiền nhận, đóng góp)", en: "financial (amounts received or given)" },
  ethnicity: { vi: "dân tộc", en: "ethnicity" },
  health: { vi: "sức khỏe", en: "health" },
  social: { vi: "hoàn cảnh xã hội (hộ nghèo, khó khăn)", en: "social situation (poverty, hardship)" },
} as const satisfies Record<string, Label>;
export type SensitiveKind = keyof typeof sensitiveKinds;

/**
 * Who sees a field: `public` anyone, signed in or not (a name and village at most, never a minor's name);
 * `readers` every role that reads the kind on the row's unit; `keepers` only those who keep the list (the kind's
 * write permission, a chapter's secretary for the chapter's rows): the others get null in its place.
 */
export const audiences = {
  public: { vi: "Công khai (tên, thôn)", en: "Public (name, village)" },
  readers: { vi: "Mọi vai trò được đọc sổ", en: "Every role reading the list" },
  keepers: { vi: "Chỉ người giữ sổ", en: "Only those keeping the list" },
} as const satisfies Record<string, Label>;
export type Audience = keyof typeof audiences;

/** One field (or column) of personal data. */
export type FieldPrivacy = {
  readonly purpose: Label;
  readonly category: Category;
  readonly sensitive?: SensitiveKind;
  /** The field may be about a child (under 18). */
  readonly minors?: boolean;
  readonly audience: Audience;
  /** When the field's basis differs from its kind's (a phone kept with consent). */
  readonly basis?: LegalBasis;
};

/** How long rows are kept once their purpose has ended, and the least the law allows. */
export type Retention = {
  readonly years: number;
  /** The legal minimum, when a law sets one: an admin may not set less. */
  readonly minimum?: { readonly years: number; readonly source: string };
  /** From when the period runs. */
  readonly from: Label;
};

/** The privacy declaration of a registry kind; `fields` has one entry for each of the kind's fields. */
export type KindPrivacy = {
  readonly purpose: Label;
  readonly basis: LegalBasis;
  /** Whose data the rows are. */
  readonly subjects: Label;
  readonly retention: Retention;
  readonly fields: Readonly<Record<string, FieldPrivacy>>;
  /**
   * Permissions that keep the fields kept to the keepers besides the list's own write permission: the fund's
   * treasurer prints a donor's address on the phiếu thu and proposes a pupil by birth year without editing the lists.
   */
  readonly alsoKeptBy?: readonly Permission[];
};

/** The roles reading the rows of a set (for the inventory's "who sees it"), given the kind's permissions. */
export type AudienceRoles = (audience: Audience) => RoleName[];
