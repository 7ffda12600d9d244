/**
 * Pieces shared by several seed sets: the QĐ 448/QĐ-KHVN legal basis and the yearly cycle of the titles
 * recognised at commune level (RULES.md §2.5). The cycle varies by province, so its dates are approximations.
 */
import type { Deadline, RubricMeta } from "../../../../shared/rubric";

export const qd448: RubricMeta["legalBasis"] = {
  number: "448/QĐ-KHVN",
  date: "2015-11-10",
  issuer: "Hội Khuyến học Việt Nam",
};

export const qd448Notes =
  "Bộ tiêu chí ban hành kèm QĐ 448/QĐ-KHVN (một số bản ghi ngày 01/12/2015), áp dụng giai đoạn 2016–2020; " +
  "chưa thấy bộ tiêu chí thay thế nên nhiều tỉnh vẫn dùng làm mẫu. Kiểm tra bộ tiêu chí của tỉnh trước khi dùng.";

/** RULES.md §2.5: registration Q1, self-assessment and review Nov–Dec, decision Dec–Jan (PARTLY CONFIRMED). */
export const yearlyCycle: Deadline[] = [
  {
    step: "registration",
    month: 3,
    day: 31,
    label: "Đăng ký trong quý I, trước 31/03 (gần đúng)",
    unconfirmed: true,
  },
  {
    step: "self_assessment",
    month: 11,
    day: 30,
    label: "Tự đánh giá, tự chấm điểm trong tháng 11–12 (gần đúng)",
    unconfirmed: true,
  },
  {
    step: "review",
    month: 12,
    day: 15,
    label: "Họp bình xét trong tháng 11–12 (gần đúng)",
    unconfirmed: true,
  },
  {
    step: "dossier",
    month: 12,
    day: 25,
    label: "Hội Khuyến học xã tổng hợp, đề nghị trong tháng 12 (gần đúng)",
    unconfirmed: true,
  },
  {
    step: "decision",
    month: 1,
    day: 31,
    yearOffset: 1,
    label: "Chủ tịch UBND xã công nhận trong tháng 12 hoặc trước 31/01 năm sau (gần đúng, tùy tỉnh)",
    unconfirmed: true,
  },
  {
    step: "report",
    month: 12,
    day: 15,
    label: "Sở GDĐT và Hội Khuyến học tỉnh báo cáo trước 15/12 (CV 6782/BGDĐT-GDTX, 2015)",
  },
];

/** Thresholds of the QĐ 448 sets: ≥ 80/100 recognised is best knowledge only (RULES.md §2.2). */
export const qd448Thresholds = [
  { minPoints: 0, recognized: false, grade: null, label: "Chưa đạt" },
  { minPoints: 80, recognized: true, grade: null, label: "Đạt" },
];
