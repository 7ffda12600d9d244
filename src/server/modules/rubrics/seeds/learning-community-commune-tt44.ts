/**
 * Cộng đồng học tập cấp xã, Thông tư 44/2014/TT-BGDĐT (RULES.md §1.1): historical, for assessments of 2014–2023.
 * CONFIRMED: the 15 criteria (Điều 3), 100 points, the sample sub-contents of criteria 4 and 5 (QĐ 645/QĐ-BGDĐT),
 * the district check in December. UNCONFIRMED: points per criterion (spread here over 100), the other
 * sub-contents (one item per criterion stands for them), the grade thresholds, the grouping of criterion 9, and
 * the effective date: RULES.md gives none, so the issue date is used.
 */
import type { Rubric } from "../../../../shared/rubric";

/** [name, points, grouping unconfirmed] per criterion, in the order of Điều 3. */
const criteria: [string, number, boolean?][] = [
  ["Sự lãnh đạo, chỉ đạo của cấp ủy Đảng, chính quyền cấp xã", 8],
  ["Hoạt động của Ban chỉ đạo xây dựng xã hội học tập cấp xã", 8],
  ["Sự tham gia, phối hợp của các ban ngành, đoàn thể, các tổ chức trên địa bàn cấp xã", 6],
  ["Mạng lưới và hoạt động của các cơ sở giáo dục, các thiết chế văn hóa trên địa bàn cấp xã", 8],
  ["Kết quả phổ cập giáo dục – xóa mù chữ", 8],
  ["Công bằng xã hội trong giáo dục", 6],
  ["Kết quả học tập, bồi dưỡng thường xuyên của cán bộ, công chức cấp xã", 6],
  ["Kết quả học tập thường xuyên của người lao động (từ 15 tuổi trở lên)", 8],
  [
    'Kết quả xây dựng "Gia đình hiếu học", "Cộng đồng khuyến học/Cộng đồng học tập" thôn, ấp, bản, ' +
      "tổ dân phố và tương đương",
    8,
    true,
  ],
  ['Kết quả xây dựng thôn, ấp, bản, tổ dân phố được công nhận danh hiệu "Khu dân cư văn hóa"', 6],
  ["Giảm tỷ lệ hộ nghèo", 6],
  ["Thực hiện bình đẳng giới", 5],
  ["Đảm bảo vệ sinh, môi trường", 6],
  ["Chăm sóc sức khỏe cộng đồng", 5],
  ["Đảm bảo an ninh trật tự, an toàn xã hội", 6],
];

/** The known sub-contents (texts CONFIRMED, their place and points UNCONFIRMED). */
const knownItems: Record<number, [string, number][]> = {
  4: [
    ["Có ít nhất 01 trường mầm non và 01 trường tiểu học đạt chuẩn quốc gia mức độ 2", 2],
    ["Có ít nhất 01 trường trung học cơ sở đạt chuẩn quốc gia", 2],
    [
      "Trung tâm học tập cộng đồng (hoặc Trung tâm Văn hóa, Thể thao – Học tập cộng đồng) hoạt động hiệu quả, " +
        "được xếp loại tốt",
      2,
    ],
    ["Các thiết chế văn hóa trên địa bàn hoạt động phục vụ học tập", 2],
  ],
  5: [
    ["Tỷ lệ trẻ dưới 3 tuổi đến nhà trẻ, nhóm trẻ đạt từ 40% trở lên", 2],
    ["Tỷ lệ trẻ từ 3 đến 5 tuổi đến lớp mẫu giáo đạt từ 85% trở lên", 2],
    ["Đạt chuẩn phổ cập giáo dục mầm non cho trẻ em 5 tuổi", 2],
    ["Đạt chuẩn xóa mù chữ mức độ 2", 2],
  ],
};

export const learningCommunityCommuneTt44: Rubric = {
  meta: {
    code: "tt44-2014-cdht-xa",
    title: "learning_community_commune",
    unitLevel: "commune",
    name: "Đánh giá, xếp loại Cộng đồng học tập cấp xã (TT 44/2014/TT-BGDĐT)",
    legalBasis: { number: "44/2014/TT-BGDĐT", date: "2014-12-12", issuer: "Bộ Giáo dục và Đào tạo" },
    effectiveFrom: "2014-12-12",
    effectiveTo: "2024-02-12",
    deadlines: [
      {
        step: "self_assessment",
        month: 11,
        day: 30,
        label: "Xã tự đánh giá trong tháng 11–12 (gần đúng)",
        unconfirmed: true,
      },
      {
        step: "review",
        month: 12,
        day: 31,
        label: "UBND cấp huyện kiểm tra, đánh giá, xếp loại trong tháng 12 hằng năm",
      },
      {
        step: "decision",
        month: 12,
        day: 31,
        label: "Chủ tịch UBND cấp huyện quyết định xếp loại trong tháng 12 (gần đúng)",
        unconfirmed: true,
      },
    ],
    notes:
      "Thay thế bởi TT 25/2023/TT-BGDĐT từ 12/02/2024. Ngày hiệu lực chưa kiểm chứng: dùng ngày ban hành " +
      "12/12/2014. Điểm từng tiêu chí và ngưỡng xếp loại chưa kiểm chứng.",
    unconfirmed: true,
  },
  definition: {
    scheme: "points",
    unconfirmed: true,
    criteria: criteria.map(([name, points, grouping], index) => {
      const n = index + 1;
      const items = knownItems[n] ?? [[`Mức độ thực hiện tiêu chí ${n} (chấm theo minh chứng)`, points]];
      return {
        key: `tc${n}`,
        name,
        ...(grouping ? { unconfirmed: true } : {}),
        items: items.map(([text, maxPoints], i) => ({
          key: `tc${n}.${i + 1}`,
          text,
          maxPoints,
          unconfirmed: true,
        })),
      };
    }),
    thresholds: [
      { minPoints: 0, recognized: false, grade: null, label: "Không xếp loại" },
      { minPoints: 50, recognized: true, grade: "average", label: "Trung bình" },
      { minPoints: 70, recognized: true, grade: "fair", label: "Khá" },
      { minPoints: 85, recognized: true, grade: "good", label: "Tốt" },
    ],
  },
};
