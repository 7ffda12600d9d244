/**
 * Cộng đồng học tập cấp thôn/tổ dân phố, QĐ 448/QĐ-KHVN (RULES.md §2.3). Only typical contents are known:
 * every criterion, item, point and the threshold are UNCONFIRMED. Points are spread over 100.
 */
import type { Rubric } from "../../../../shared/rubric";
import { qd448, qd448Notes, qd448Thresholds, yearlyCycle } from "./common";

export const learningCommunityVillageQd448: Rubric = {
  meta: {
    code: "qd448-2015-cdht-thon",
    title: "learning_community_village",
    unitLevel: "village",
    name: "Tiêu chí công nhận Cộng đồng học tập cấp thôn, tổ dân phố (QĐ 448/QĐ-KHVN)",
    legalBasis: qd448,
    effectiveFrom: "2015-11-10",
    effectiveTo: null,
    deadlines: yearlyCycle,
    notes: `${qd448Notes} Nội dung và điểm các tiêu chí chưa kiểm chứng.`,
  },
  definition: {
    scheme: "points",
    unconfirmed: true,
    criteria: [
      {
        key: "tc1",
        name: "Tổ chức và kế hoạch xây dựng xã hội học tập",
        unconfirmed: true,
        items: [
          {
            key: "tc1.1",
            text: "Có chi hội khuyến học và Ban vận động hoạt động thường xuyên",
            maxPoints: 10,
            unconfirmed: true,
          },
          {
            key: "tc1.2",
            text: "Có kế hoạch xây dựng xã hội học tập hằng năm",
            maxPoints: 10,
            unconfirmed: true,
          },
        ],
      },
      {
        key: "tc2",
        name: "Kết quả xây dựng các mô hình học tập",
        unconfirmed: true,
        items: [
          {
            key: "tc2.1",
            text: 'Tỷ lệ hộ được công nhận "Gia đình học tập" đạt mức quy định (thường ≥ 70%)',
            maxPoints: 20,
            unconfirmed: true,
          },
          {
            key: "tc2.2",
            text: 'Có dòng họ được công nhận "Dòng họ học tập" (nếu có dòng họ)',
            maxPoints: 10,
            unconfirmed: true,
          },
        ],
      },
      {
        key: "tc3",
        name: "Kết quả học tập của người dân",
        unconfirmed: true,
        items: [
          {
            key: "tc3.1",
            text: "Duy trì kết quả phổ cập giáo dục, xóa mù chữ trong thôn",
            maxPoints: 15,
            unconfirmed: true,
          },
          {
            key: "tc3.2",
            text: "Người dân tham gia các lớp học, chuyên đề của Trung tâm học tập cộng đồng",
            maxPoints: 15,
            unconfirmed: true,
          },
        ],
      },
      {
        key: "tc4",
        name: "Tác động của học tập đến đời sống cộng đồng",
        unconfirmed: true,
        items: [
          {
            key: "tc4.1",
            text: 'Thôn, tổ dân phố đạt danh hiệu "Khu dân cư văn hóa"',
            maxPoints: 20,
            unconfirmed: true,
          },
        ],
      },
    ],
    thresholds: qd448Thresholds,
  },
};
