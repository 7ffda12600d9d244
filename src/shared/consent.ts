/**
 * Consent (Luật 91/2025/QH15, NĐ 356/2025/NĐ-CP; issue 12, item 2): the purposes whose legal basis is the
 * person's consent, the registry kinds whose rows may give it, the notice each form shows (by version), and the
 * API schemas. A consent is recorded per person and purpose; withdrawing it is a new state, never a delete, and
 * what depends on it stops at once (docs/PRIVACY.md, Consent).
 */
import { z } from "zod";
import { isoDate } from "./api";

export const consentPurposes = [
  "public_disclosure_name",
  "member_phone",
  "minor_scholarship_list",
  "photo",
] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

/** The registry kinds (their `name`) whose rows are people asked for consent. */
export const consentKinds = ["donors", "members", "beneficiaries", "citizens"] as const;
export type ConsentKind = (typeof consentKinds)[number];

export const consentMethods = ["paper", "in_person", "online", "receipt"] as const;
export type ConsentMethod = (typeof consentMethods)[number];

export const guardianRelations = ["father", "mother", "guardian", "other"] as const;

type Label = { vi: string; en: string };

export type PurposeDeclaration = {
  label: Label;
  /** The kinds whose rows may give it. */
  kinds: readonly ConsentKind[];
  /** Given for a child by a parent or guardian whatever the person's age. */
  forMinors?: boolean;
  /** The notice versions, newest first; a form prints the newest, a record names the one shown. */
  notices: readonly { version: string; from: string; text: readonly string[] }[];
  /** What stops when the consent is missing or withdrawn (shown on the panel). */
  effect: Label;
};

export const purposes: Record<ConsentPurpose, PurposeDeclaration> = {
  public_disclosure_name: {
    label: { vi: "Nêu tên khi công khai quỹ", en: "Name in the fund's public disclosure" },
    kinds: ["donors"],
    notices: [
      {
        version: "2026.1",
        from: "2026-01-01",
        text: [
          "Mục đích: nêu họ tên nhà hảo tâm cùng số tiền, hiện vật đã ủng hộ trong bản công khai thu – chi hằng năm của quỹ khuyến học (đăng trên trang công khai, bảng tin, tệp JSON và CSV).",
          "Dữ liệu: họ tên và số tiền ủng hộ; không công khai địa chỉ, điện thoại.",
          "Thời gian: đến khi người ủng hộ rút lại đồng ý; không đồng ý thì bản công khai ghi “Nhà hảo tâm ẩn danh”.",
        ],
      },
    ],
    effect: {
      vi: "Không có đồng ý: bản công khai quỹ (trang, JSON, CSV) ghi “Nhà hảo tâm ẩn danh”",
      en: "Without it the fund's disclosure (page, JSON, CSV) says “Nhà hảo tâm ẩn danh”",
    },
  },
  member_phone: {
    label: { vi: "Lưu và cho chi hội xem số điện thoại", en: "Phone kept and shown to the chapter" },
    kinds: ["members"],
    notices: [
      {
        version: "2026.1",
        from: "2026-01-01",
        text: [
          "Mục đích: lưu số điện thoại của hội viên để Hội và chi hội liên lạc, mời họp, thu hội phí.",
          "Dữ liệu: số điện thoại; chỉ Hội Khuyến học xã, phường và chi hội của hội viên xem được, không công khai.",
          "Thời gian: đến khi hội viên rút lại đồng ý hoặc ra hội; không đồng ý thì danh sách và tệp xuất không có số điện thoại.",
        ],
      },
    ],
    effect: {
      vi: "Không có đồng ý: danh sách và tệp xuất hội viên không có số điện thoại",
      en: "Without it member lists and exports leave the phone out",
    },
  },
  minor_scholarship_list: {
    label: {
      vi: "Ghi tên trẻ em trên danh sách học bổng",
      en: "A minor's name on a scholarship list",
    },
    kinds: ["beneficiaries"],
    forMinors: true,
    notices: [
      {
        version: "2026.1",
        from: "2026-01-01",
        text: [
          "Mục đích: đọc, niêm yết họ tên, trường, lớp của cháu trên danh sách nhận học bổng, hỗ trợ tại lễ trao (danh sách ký nhận của quỹ là chứng từ kế toán, luôn ghi đủ họ tên).",
          "Dữ liệu: họ tên, năm sinh, trường, lớp của cháu; số điện thoại của cha, mẹ hoặc người giám hộ.",
          "Trang công khai không bao giờ nêu tên trẻ em: chỉ ghi chữ cái đầu, trường, lớp.",
          "Cha, mẹ hoặc người giám hộ đồng ý thay cháu.",
        ],
      },
    ],
    effect: {
      vi: "Trang công khai không bao giờ nêu tên trẻ em; danh sách đọc, niêm yết tại lễ trao chỉ nêu tên khi cha mẹ, người giám hộ đồng ý",
      en: "Public pages never name minors; a list read or posted at a ceremony names them only with a parent's consent",
    },
  },
  photo: {
    label: { vi: "Chụp và đăng ảnh", en: "Photos taken and published" },
    kinds: ["donors", "members", "beneficiaries", "citizens"],
    notices: [
      {
        version: "2026.1",
        from: "2026-01-01",
        text: [
          "Mục đích: chụp ảnh tại buổi trao học bổng, lễ công nhận, sinh hoạt Hội và đăng trên bảng tin, trang của xã, phường, Hội.",
          "Dữ liệu: hình ảnh, kèm họ tên khi được đồng ý; với trẻ em, cha, mẹ hoặc người giám hộ đồng ý thay.",
          "Thời gian: đến khi người được chụp rút lại đồng ý; ảnh đã đăng được gỡ khi có yêu cầu.",
        ],
      },
    ],
    effect: { vi: "Không có đồng ý: không đăng ảnh", en: "Without it no photo is published" },
  },
};

export const methodLabels: Record<ConsentMethod, Label> = {
  paper: { vi: "Phiếu giấy có chữ ký", en: "Signed paper form" },
  in_person: { vi: "Trực tiếp (người ghi sổ chứng kiến)", en: "In person" },
  online: { vi: "Trực tuyến (tin nhắn, thư điện tử)", en: "Online" },
  receipt: {
    vi: "Chuyển từ phiếu thu không ẩn danh (trước khi có sổ đồng ý)",
    en: "From a receipt not marked anonymous (before the register)",
  },
};

export const relationLabels: Record<(typeof guardianRelations)[number], Label> = {
  father: { vi: "Cha", en: "Father" },
  mother: { vi: "Mẹ", en: "Mother" },
  guardian: { vi: "Người giám hộ", en: "Guardian" },
  other: { vi: "Người đại diện khác", en: "Other representative" },
};

export const currentNotice = (purpose: ConsentPurpose) => purposes[purpose].notices[0]!;
export const purposesOf = (kind: string): ConsentPurpose[] =>
  consentPurposes.filter((p) => (purposes[p].kinds as readonly string[]).includes(kind));
/** The anonymous wording of the fund's disclosure (also for a gift marked anonymous). */
export const anonymousDonor = "Nhà hảo tâm ẩn danh";

const optionalText = (what: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${what} tối đa ${max} ký tự`)
    .nullable()
    .optional()
    .transform((v) => (v ? v : null));

export const consentSubject = z.object({
  kind: z.enum(consentKinds).describe("Loại sổ theo dõi của người: donors, members, beneficiaries, citizens"),
  id: z.coerce.number().int().positive(),
});

export const consentCreate = z.object({
  subject: consentSubject,
  purpose: z.enum(consentPurposes),
  givenAt: isoDate.describe("Ngày người được hỏi (hoặc cha mẹ, người giám hộ) đồng ý"),
  method: z
    .enum(["paper", "in_person", "online"])
    .describe("Cách ghi nhận: phiếu giấy, trực tiếp, trực tuyến"),
  noticeVersion: z.string().trim().min(1, "Chọn phiên bản thông báo đã đưa cho người được hỏi").max(30),
  guardianName: optionalText("Họ tên cha, mẹ, người giám hộ", 200),
  guardianRelation: z.enum(guardianRelations).nullable().optional(),
});
export type ConsentCreate = z.input<typeof consentCreate>;

export const consentWithdraw = z.object({
  reason: z.string().trim().min(1, "Ghi lý do hoặc lời người rút lại đồng ý").max(500),
});

export const consent = z.object({
  id: z.number(),
  communeId: z.number(),
  subject: z.object({ kind: z.enum(consentKinds), id: z.number() }),
  purpose: z.enum(consentPurposes),
  givenAt: z.string(),
  method: z.enum(consentMethods),
  noticeVersion: z.string(),
  minor: z.boolean().describe("Người được hỏi là trẻ em: cha, mẹ hoặc người giám hộ đồng ý thay"),
  guardianName: z.string().nullable(),
  guardianRelation: z.enum(guardianRelations).nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  withdrawnAt: z.string().nullable(),
  withdrawnBy: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
  inForce: z.boolean(),
});
export type Consent = z.infer<typeof consent>;

export const consentList = z.object({
  consents: z.array(consent).describe("Mọi lần ghi nhận, mới nhất trước (cả những lần đã rút lại)"),
  purposes: z.array(z.enum(consentPurposes)).describe("Các mục đích hỏi ý kiến được với loại người này"),
  minor: z.boolean().describe("Người này là trẻ em (dưới 18 tuổi, hoặc học sinh chưa ghi năm sinh)"),
  canWrite: z.boolean().describe("Người gọi ghi nhận, rút lại được"),
});
export type ConsentList = z.infer<typeof consentList>;
