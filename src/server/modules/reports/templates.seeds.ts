/**
 * The national default templates (version 1 of each code), inserted at start when missing like the criteria sets.
 * Their outline follows the tasks of QĐ 1373/QĐ-TTg (30/07/2021) and the seed reports' structure (RULES.md 6.1):
 * tình hình chung, lãnh đạo chỉ đạo, kết quả by task (mô hình học tập, Hội Khuyến học, quỹ, TTHTCĐ, khen thưởng),
 * tồn tại, phương hướng, kiến nghị. Headings carry their NĐ 30 numbering (I., 1., a)).
 */
import type { TemplateInput, TemplateSection } from "../../../shared/reports";

type Section = Omit<TemplateSection, "prompt" | "required" | "blocks"> &
  Partial<Pick<TemplateSection, "prompt" | "required" | "blocks">>;
const section = (s: Section): TemplateSection => ({ prompt: "", required: false, blocks: [], ...s });

const situation = section({
  key: "tinh_hinh",
  heading: "I. ĐẶC ĐIỂM TÌNH HÌNH",
  prompt: "Dân số, số thôn, tổ dân phố; thuận lợi, khó khăn của địa phương trong kỳ báo cáo.",
});
const leadership = section({
  key: "chi_dao",
  heading: "II. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TUYÊN TRUYỀN",
  prompt: "Văn bản đã ban hành (số, ngày, trích yếu), kiện toàn Ban Chỉ đạo, hình thức tuyên truyền.",
});
const results = section({
  key: "ket_qua",
  heading: "III. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ",
  prompt: "Đánh giá chung kết quả thực hiện các nhiệm vụ của Đề án theo Quyết định số 1373/QĐ-TTg.",
});
const models = (extra: TemplateSection["blocks"] = []) =>
  section({
    key: "mo_hinh",
    heading: "1. Xây dựng các mô hình học tập",
    prompt: "Cách triển khai đăng ký, đánh giá, công nhận; mô hình tiêu biểu.",
    blocks: [{ id: "titles.sentences" }, { id: "titles.overview" }, { id: "titles.children" }, ...extra],
  });
const association = section({
  key: "hoi_khuyen_hoc",
  heading: "2. Xây dựng tổ chức Hội Khuyến học",
  prompt: "Hoạt động của Hội, phát triển hội viên, chi hội.",
  blocks: [{ id: "association.overview" }],
});
const fund = section({
  key: "quy",
  heading: "3. Quỹ khuyến học, huy động nguồn lực",
  prompt: "Vận động, sử dụng quỹ; công khai thu, chi.",
  blocks: [{ id: "fund.overview" }],
});
const centres = section({
  key: "tthtcd",
  heading: "4. Hoạt động của Trung tâm học tập cộng đồng",
  prompt: "Các lớp học, chuyên đề tiêu biểu; ứng dụng công nghệ thông tin.",
  blocks: [{ id: "centres.overview" }],
});
const commendations = section({
  key: "khen_thuong",
  heading: "5. Biểu dương, khen thưởng",
  prompt: "Hội nghị biểu dương, điển hình tiên tiến.",
  blocks: [{ id: "commendations.overview" }],
});
const shortcomings = section({
  key: "ton_tai",
  heading: "IV. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
  prompt: "Hạn chế; nguyên nhân khách quan, chủ quan.",
  required: true,
});
const direction = section({
  key: "phuong_huong",
  heading: "V. PHƯƠNG HƯỚNG, NHIỆM VỤ TRONG THỜI GIAN TỚI",
  required: true,
});
const proposals = section({ key: "kien_nghi", heading: "VI. KIẾN NGHỊ, ĐỀ XUẤT" });

const tasks = (extra: TemplateSection["blocks"] = []) => [
  situation,
  leadership,
  results,
  models(extra),
  association,
  fund,
  centres,
  commendations,
  shortcomings,
  direction,
  proposals,
];

const validFrom = "2021-07-30";
const national = { validFrom, ownerUnitId: null } as const;

const week: TemplateSection[] = [
  section({
    key: "chi_dao",
    heading: "I. CÔNG TÁC CHỈ ĐẠO, TỔ CHỨC",
    prompt: "Kế hoạch tổ chức Tuần lễ (số, ngày), chủ đề năm, lễ khai mạc.",
  }),
  section({
    key: "hoat_dong",
    heading: "II. KẾT QUẢ CÁC HOẠT ĐỘNG",
    prompt: "Hoạt động hưởng ứng tại trung tâm học tập cộng đồng, thư viện, nhà văn hóa, trường học.",
    blocks: [{ id: "centres.overview" }, { id: "titles.sentences" }],
  }),
  section({ key: "danh_gia", heading: "III. ĐÁNH GIÁ CHUNG", required: true }),
  section({ key: "kien_nghi", heading: "IV. KIẾN NGHỊ, ĐỀ XUẤT" }),
];

const plan: TemplateSection[] = [
  section({ key: "muc_dich", heading: "I. MỤC ĐÍCH, YÊU CẦU", required: true }),
  section({
    key: "chi_tieu",
    heading: "II. MỤC TIÊU, CHỈ TIÊU",
    prompt: "Chỉ tiêu của năm kế hoạch; hiện trạng và chỉ tiêu đã đặt bên cạnh.",
    blocks: [{ id: "titles.overview" }],
    required: true,
  }),
  section({
    key: "nhiem_vu",
    heading: "III. NHIỆM VỤ, GIẢI PHÁP",
    prompt: "Theo các nhiệm vụ của Quyết định số 1373/QĐ-TTg.",
    required: true,
  }),
  section({ key: "to_chuc", heading: "IV. TỔ CHỨC THỰC HIỆN", prompt: "Phân công cơ quan, đơn vị." }),
];

const associationReport: TemplateSection[] = [
  situation,
  section({
    key: "to_chuc_hoi",
    heading: "II. XÂY DỰNG TỔ CHỨC HỘI",
    prompt: "Kiện toàn ban chấp hành, chi hội, phát triển hội viên.",
    blocks: [{ id: "association.overview" }],
  }),
  section({
    key: "quy",
    heading: "III. QUỸ KHUYẾN HỌC",
    blocks: [{ id: "fund.overview" }],
  }),
  section({
    key: "mo_hinh",
    heading: "IV. PHỐI HỢP XÂY DỰNG CÁC MÔ HÌNH HỌC TẬP",
    blocks: [{ id: "titles.sentences" }, { id: "commendations.overview" }],
  }),
  section({ key: "ton_tai", heading: "V. TỒN TẠI, HẠN CHẾ", required: true }),
  section({ key: "phuong_huong", heading: "VI. PHƯƠNG HƯỚNG, NHIỆM VỤ", required: true }),
];

const subject = "Kết quả xây dựng xã hội học tập";

export const seedTemplates: TemplateInput[] = [
  {
    ...national,
    code: "xa-nam",
    kind: "year",
    level: "commune",
    name: "Báo cáo năm cấp xã",
    outline: { subject, sections: tasks() },
  },
  {
    ...national,
    code: "xa-so-ket",
    kind: "midterm",
    level: "commune",
    name: "Báo cáo sơ kết 6 tháng cấp xã",
    outline: { subject, sections: tasks() },
  },
  {
    ...national,
    code: "xa-tong-ket",
    kind: "summary",
    level: "commune",
    name: "Báo cáo tổng kết giai đoạn cấp xã",
    outline: { subject, sections: tasks([{ id: "titles.series" }]) },
  },
  {
    ...national,
    code: "xa-tuan-le",
    kind: "week",
    level: "commune",
    name: "Báo cáo Tuần lễ hưởng ứng học tập suốt đời cấp xã",
    outline: { subject: "Kết quả tổ chức Tuần lễ hưởng ứng học tập suốt đời", sections: week },
  },
  {
    ...national,
    code: "xa-ke-hoach",
    kind: "plan",
    level: "commune",
    name: "Kế hoạch xây dựng xã hội học tập năm cấp xã",
    outline: { subject: "Xây dựng xã hội học tập", sections: plan },
  },
  {
    ...national,
    code: "tinh-nam",
    kind: "year",
    level: "province",
    name: "Báo cáo năm cấp tỉnh",
    outline: { subject, sections: tasks() },
  },
  {
    ...national,
    code: "tinh-tong-ket",
    kind: "summary",
    level: "province",
    name: "Báo cáo tổng kết giai đoạn cấp tỉnh",
    outline: { subject, sections: tasks([{ id: "titles.series" }]) },
  },
  {
    ...national,
    code: "hoi-nam",
    kind: "year",
    level: "association",
    name: "Báo cáo năm của Hội Khuyến học",
    outline: { subject: "Kết quả công tác khuyến học, khuyến tài", sections: associationReport },
  },
];
