/**
 * Dòng họ học tập, QĐ 448/QĐ-KHVN (RULES.md §2.3). Only typical contents are known: every criterion, item,
 * point and the threshold are UNCONFIRMED. Points are spread over 100 so that the set can be used and edited.
 */
import type { Rubric } from "../../../../shared/rubric";
import { qd448, qd448Notes, qd448Thresholds, yearlyCycle } from "./common";

export const learningClanQd448: Rubric = {
  meta: {
    code: "qd448-2015-dhht",
    title: "learning_clan",
    unitLevel: null,
    name: "Tiêu chí công nhận Dòng họ học tập (QĐ 448/QĐ-KHVN)",
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
        name: "Tổ chức khuyến học của dòng họ",
        unconfirmed: true,
        items: [
          {
            key: "tc1.1",
            text: "Có Ban khuyến học (chi hội khuyến học dòng họ)",
            maxPoints: 10,
            unconfirmed: true,
          },
          { key: "tc1.2", text: "Có quỹ khuyến học dòng họ", maxPoints: 10, unconfirmed: true },
          { key: "tc1.3", text: "Có quy ước khuyến học của dòng họ", maxPoints: 10, unconfirmed: true },
        ],
      },
      {
        key: "tc2",
        name: "Gia đình học tập trong dòng họ",
        unconfirmed: true,
        items: [
          {
            key: "tc2.1",
            text: 'Tỷ lệ hộ trong dòng họ được công nhận "Gia đình học tập" đạt mức quy định (thường ≥ 70%)',
            maxPoints: 30,
            unconfirmed: true,
          },
        ],
      },
      {
        key: "tc3",
        name: "Học tập của con cháu trong dòng họ",
        unconfirmed: true,
        items: [
          {
            key: "tc3.1",
            text: "Trẻ em trong độ tuổi đi học đều đến trường",
            maxPoints: 10,
            unconfirmed: true,
          },
          { key: "tc3.2", text: "Người lớn tham gia học tập thường xuyên", maxPoints: 10, unconfirmed: true },
        ],
      },
      {
        key: "tc4",
        name: "Nền nếp, truyền thống hiếu học của dòng họ",
        unconfirmed: true,
        items: [
          {
            key: "tc4.1",
            text: "Không có người vi phạm pháp luật, mắc tệ nạn xã hội",
            maxPoints: 10,
            unconfirmed: true,
          },
          {
            key: "tc4.2",
            text: "Khen thưởng, tôn vinh con cháu học giỏi, thành đạt",
            maxPoints: 10,
            unconfirmed: true,
          },
        ],
      },
    ],
    thresholds: qd448Thresholds,
  },
};
