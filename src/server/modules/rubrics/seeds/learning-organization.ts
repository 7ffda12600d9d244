/**
 * Đơn vị học tập ở cơ sở (trường, cơ quan, doanh nghiệp trên địa bàn xã), QĐ 448/QĐ-KHVN part D
 * (RULES.md §2.1, §2.3). Only typical contents are known: every criterion, item, point and the threshold are
 * UNCONFIRMED. Points are spread over 100. Units under a province follow TT 24/2023 (learning-organization-tt24).
 */
import type { Rubric } from "../../../../shared/rubric";
import { qd448, qd448Notes, qd448Thresholds, yearlyCycle } from "./common";

export const learningOrganizationQd448: Rubric = {
  meta: {
    code: "qd448-2015-dvht-xa",
    title: "learning_organization",
    unitLevel: "commune",
    name: "Tiêu chí công nhận Đơn vị học tập cấp cơ sở (QĐ 448/QĐ-KHVN)",
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
        name: "Lãnh đạo, tổ chức việc học tập trong đơn vị",
        unconfirmed: true,
        items: [
          {
            key: "tc1.1",
            text: "Lãnh đạo đơn vị có kế hoạch học tập, bồi dưỡng cho cán bộ, người lao động",
            maxPoints: 15,
            unconfirmed: true,
          },
          {
            key: "tc1.2",
            text: "Có Ban khuyến học hoặc chi hội khuyến học trong đơn vị",
            maxPoints: 10,
            unconfirmed: true,
          },
        ],
      },
      {
        key: "tc2",
        name: "Học tập của cán bộ, người lao động",
        unconfirmed: true,
        items: [
          {
            key: "tc2.1",
            text: 'Tỷ lệ cán bộ, người lao động đạt chuẩn đào tạo hoặc đạt "Công dân học tập"',
            maxPoints: 25,
            unconfirmed: true,
          },
          {
            key: "tc2.2",
            text: "Tổ chức hoạt động học tập trong đơn vị (sinh hoạt chuyên đề, tự học, chia sẻ kinh nghiệm)",
            maxPoints: 20,
            unconfirmed: true,
          },
        ],
      },
      {
        key: "tc3",
        name: "Kết quả thực hiện nhiệm vụ của đơn vị",
        unconfirmed: true,
        items: [
          {
            key: "tc3.1",
            text: "Đơn vị hoàn thành tốt nhiệm vụ trong năm",
            maxPoints: 30,
            unconfirmed: true,
          },
        ],
      },
    ],
    thresholds: qd448Thresholds,
  },
};
