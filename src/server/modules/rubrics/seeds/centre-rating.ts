/**
 * Xếp loại trung tâm học tập cộng đồng (TTHTCĐ), yearly, out of 100 points (RULES.md §5, "Evaluation (PARTLY
 * CONFIRMED)"). CONFIRMED: the four areas of the national "Tiêu chí đánh giá, xếp loại TTHTCĐ" drafted in 2017 by
 * Bộ GDĐT, Hội Khuyến học Việt Nam, VNIES and UNESCO (bộ máy quản lý; tổ chức hoạt động; huy động sự tham gia xã
 * hội; hiệu quả hoạt động), grades tốt / khá / trung bình / yếu by provincial guidance, provinces scoring out of
 * 100. UNCONFIRMED: whether the draft was ever issued (so the legal basis and dates), the items and their points
 * (written here from the records a centre keeps, QĐ 09/2008 and QĐ 1373's 70% of centres applying CNTT), and the
 * thresholds (the TT 44/2014 scale 85 / 70 / 50 is used). A province replaces it with its own set as a provincial
 * variant through the criteria-set admin.
 */
import type { Rubric } from "../../../../shared/rubric";

/** [key, area name (CONFIRMED), items [text, points] (UNCONFIRMED)]. */
const areas: [string, string, [string, number][]][] = [
  [
    "tc1",
    "Bộ máy quản lý",
    [
      [
        "Có quyết định thành lập, quyết định bổ nhiệm Ban Giám đốc và quy chế hoạt động được UBND xã phê duyệt",
        6,
      ],
      ["Ban Giám đốc phân công nhiệm vụ rõ ràng; có giáo viên, báo cáo viên, cộng tác viên", 5],
      ["Cơ sở vật chất, trang thiết bị, tủ sách phục vụ học tập", 5],
      ["Hồ sơ, sổ sách, báo cáo định kỳ đầy đủ theo quy định", 4],
    ],
  ],
  [
    "tc2",
    "Tổ chức hoạt động",
    [
      ["Khảo sát nhu cầu học tập của người dân trên địa bàn", 5],
      ["Kế hoạch hoạt động năm, quý được UBND xã phê duyệt", 5],
      [
        "Tổ chức các lớp học, chuyên đề theo kế hoạch (xóa mù chữ, pháp luật, sức khỏe, chuyển giao khoa học " +
          "kỹ thuật, kỹ năng sống, kỹ năng số…)",
        15,
      ],
      ["Ứng dụng công nghệ thông tin trong quản lý và tổ chức hoạt động", 5],
    ],
  ],
  [
    "tc3",
    "Huy động sự tham gia xã hội",
    [
      ["Phối hợp với Hội Khuyến học, các đoàn thể, trường học và các tổ chức trên địa bàn", 10],
      ["Huy động nguồn lực xã hội hóa (kinh phí, cơ sở vật chất, người dạy)", 10],
    ],
  ],
  [
    "tc4",
    "Hiệu quả hoạt động",
    [
      ["Số lượt người tham gia học tập đạt hoặc vượt kế hoạch", 10],
      ["Người học vận dụng kiến thức vào sản xuất, đời sống", 10],
      ["Góp phần xây dựng xã hội học tập, các mô hình học tập của xã", 10],
    ],
  ],
];

export const centreRating2017: Rubric = {
  meta: {
    code: "tthtcd-xep-loai-2017",
    title: "centre_rating",
    unitLevel: "commune",
    name: "Đánh giá, xếp loại trung tâm học tập cộng đồng (dự thảo tiêu chí quốc gia 2017)",
    legalBasis: {
      number: "Dự thảo Tiêu chí đánh giá, xếp loại TTHTCĐ",
      date: "2017-01-01",
      issuer: "Bộ Giáo dục và Đào tạo, Hội Khuyến học Việt Nam, VNIES, UNESCO (dự thảo)",
    },
    effectiveFrom: "2017-01-01",
    effectiveTo: null,
    deadlines: [
      {
        step: "self_assessment",
        month: 11,
        day: 30,
        label: "Trung tâm tự đánh giá, tự chấm điểm trong tháng 11 (gần đúng)",
        unconfirmed: true,
      },
      {
        step: "review",
        month: 12,
        day: 15,
        label: "UBND xã họp đánh giá, xếp loại trong tháng 12 (gần đúng)",
        unconfirmed: true,
      },
      {
        step: "decision",
        month: 12,
        day: 31,
        label: "Chủ tịch UBND xã quyết định công nhận kết quả xếp loại trước 31/12 (gần đúng, tùy tỉnh)",
        unconfirmed: true,
      },
    ],
    notes:
      "Bốn lĩnh vực theo dự thảo tiêu chí quốc gia năm 2017 (Bộ GDĐT, Hội Khuyến học Việt Nam, VNIES, UNESCO); " +
      "chưa xác minh dự thảo đã được ban hành. Nội dung, điểm từng chỉ tiêu và ngưỡng xếp loại (tốt từ 85, khá " +
      "từ 70, trung bình từ 50, dưới 50 yếu) chưa xác minh: dùng bộ tiêu chí của tỉnh khi có.",
    unconfirmed: true,
  },
  definition: {
    scheme: "points",
    unconfirmed: true,
    criteria: areas.map(([key, name, items]) => ({
      key,
      name,
      items: items.map(([text, maxPoints], i) => ({
        key: `${key}.${i + 1}`,
        text,
        maxPoints,
        unconfirmed: true,
      })),
    })),
    // Every centre decided gets a grade, "Yếu" included: a rating, not a recognition.
    thresholds: [
      { minPoints: 0, recognized: true, grade: "weak", label: "Yếu" },
      { minPoints: 50, recognized: true, grade: "average", label: "Trung bình" },
      { minPoints: 70, recognized: true, grade: "fair", label: "Khá" },
      { minPoints: 85, recognized: true, grade: "good", label: "Tốt" },
    ],
  },
};
