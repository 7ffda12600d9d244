/**
 * Công dân học tập: programme QĐ 677/QĐ-TTg (03/06/2022, CONFIRMED); the criteria are a Hội Khuyến học Việt Nam
 * framework per population group whose text was not read (RULES.md §2.1): all UNCONFIRMED.
 * Scheme chosen: "levels" with a single level, i.e. pass/fail, recognised when every criterion is met. Points
 * would invent a weighting nobody has seen; a pass/fail checklist only asserts the criteria themselves, and it is
 * what a citizen can self-check. The 1-year validity and the yearly cycle are UNCONFIRMED for this title.
 */
import type { Rubric } from "../../../../shared/rubric";
import { yearlyCycle } from "./common";

const criteria: { key: string; name: string; items: string[] }[] = [
  {
    key: "tc1",
    name: "Học tập thường xuyên, suốt đời",
    items: [
      "Có kế hoạch học tập của bản thân trong năm",
      "Tham gia ít nhất một hình thức học tập (lớp học, chuyên đề, bồi dưỡng, tự học)",
    ],
  },
  {
    key: "tc2",
    name: "Năng lực số và năng lực thông tin",
    items: ["Biết sử dụng thiết bị số, internet để tự học và cập nhật thông tin phục vụ công việc, đời sống"],
  },
  {
    key: "tc3",
    name: "Vận dụng kiến thức vào công việc và đời sống",
    items: [
      "Vận dụng kiến thức, kỹ năng học được để nâng cao hiệu quả lao động, sản xuất, công tác",
      "Gia đình, bản thân chấp hành tốt pháp luật, quy ước của cộng đồng",
    ],
  },
  {
    key: "tc4",
    name: "Tham gia xây dựng xã hội học tập",
    items: [
      "Tham gia, hỗ trợ phong trào khuyến học, khuyến tài, xây dựng xã hội học tập ở nơi cư trú, nơi làm việc",
    ],
  },
];

export const learningCitizenQd677: Rubric = {
  meta: {
    code: "qd677-2022-cdht",
    title: "learning_citizen",
    unitLevel: null,
    name: "Tiêu chí Công dân học tập (khung, theo Chương trình QĐ 677/QĐ-TTg)",
    legalBasis: { number: "677/QĐ-TTg", date: "2022-06-03", issuer: "Thủ tướng Chính phủ" },
    effectiveFrom: "2022-06-03",
    effectiveTo: null,
    deadlines: yearlyCycle,
    notes:
      "Bộ tiêu chí khung do Hội Khuyến học Việt Nam ban hành theo nhóm đối tượng (nông dân, lao động nông thôn; " +
      "công nhân, thợ thủ công; cán bộ, công chức, viên chức, doanh nhân); văn bản chưa đọc được. " +
      "Nội dung dưới đây là khung chung chưa kiểm chứng: thay bằng bộ tiêu chí của tỉnh khi có.",
    unconfirmed: true,
  },
  definition: {
    scheme: "levels",
    unconfirmed: true,
    levels: [
      {
        level: 1,
        criteria: criteria.map((c) => ({
          key: c.key,
          name: c.name,
          unconfirmed: true,
          items: c.items.map((text, i) => ({ key: `${c.key}.${i + 1}`, text, unconfirmed: true })),
        })),
      },
    ],
  },
};
