/**
 * Gia đình học tập, QĐ 448/QĐ-KHVN (RULES.md §2.2). Criteria 1 and 2 and their 10-point items are CONFIRMED,
 * except the tail of item 2.2 and item 2.3. Criteria 3 and 4: titles CONFIRMED, contents and points (20 each,
 * "likely") UNCONFIRMED. The ≥ 80 threshold is UNCONFIRMED, hence the definition-level flag.
 */
import type { Rubric } from "../../../../shared/rubric";
import { qd448, qd448Notes, qd448Thresholds, yearlyCycle } from "./common";

export const learningFamilyQd448: Rubric = {
  meta: {
    code: "qd448-2015-gdht",
    title: "learning_family",
    unitLevel: null,
    name: "Tiêu chí công nhận Gia đình học tập (QĐ 448/QĐ-KHVN)",
    legalBasis: qd448,
    effectiveFrom: "2015-11-10",
    effectiveTo: null,
    deadlines: yearlyCycle,
    notes: qd448Notes,
  },
  definition: {
    scheme: "points",
    unconfirmed: true,
    criteria: [
      {
        key: "tc1",
        name: "Học tập của trẻ em trong gia đình",
        items: [
          {
            key: "tc1.1",
            text:
              "Trẻ em ở độ tuổi phổ cập đều được đến trường, hoàn thành phổ cập giáo dục theo quy định " +
              "(trừ ốm đau, bệnh tật, không có khả năng học tập)",
            maxPoints: 10,
          },
          {
            key: "tc1.2",
            text:
              'Kết quả học tập từ trung bình trở lên (hoặc "đạt yêu cầu" với học sinh tiểu học); ' +
              "hạnh kiểm từ Khá trở lên (hoặc đạt yêu cầu)",
            maxPoints: 10,
          },
          {
            key: "tc1.3",
            text:
              "Thật thà, lễ phép với mọi người trong gia đình và ngoài xã hội; " +
              "tích cực tham gia hoạt động chung ở địa phương",
            maxPoints: 10,
          },
        ],
      },
      {
        key: "tc2",
        name: "Học tập của người lớn trong gia đình",
        items: [
          {
            key: "tc2.1",
            text:
              "Người lớn từ 19 đến 60 tuổi (trừ người không có khả năng học tập) đều đạt chuẩn biết chữ " +
              "từ bậc 1 trở lên (tương đương lớp 3 trở lên)",
            maxPoints: 10,
          },
          {
            key: "tc2.2",
            // Only the start of the sentence was read; the list of forms is best knowledge.
            text:
              "Hằng năm, người lớn trong gia đình đều tham gia học ít nhất 01 nội dung dưới các hình thức " +
              "(Trung tâm học tập cộng đồng, lớp chuyển giao khoa học kỹ thuật, sinh hoạt chuyên đề, tự học…)",
            maxPoints: 10,
            unconfirmed: true,
          },
          {
            key: "tc2.3",
            text: "Vận dụng kiến thức học được vào sản xuất, đời sống; có việc làm, thu nhập ổn định",
            maxPoints: 10,
            unconfirmed: true,
          },
        ],
      },
      {
        key: "tc3",
        name: "Điều kiện học tập của gia đình",
        items: [
          {
            key: "tc3.1",
            text: "Có góc học tập, tủ sách học tập trong gia đình",
            maxPoints: 8,
            unconfirmed: true,
          },
          {
            key: "tc3.2",
            text: "Có phương tiện tiếp cận thông tin (ti vi, radio, điện thoại, máy tính, internet)",
            maxPoints: 6,
            unconfirmed: true,
          },
          { key: "tc3.3", text: "Dành chi tiêu hợp lý cho việc học tập", maxPoints: 6, unconfirmed: true },
        ],
      },
      {
        key: "tc4",
        name: "Tác động, hiệu quả học tập của các thành viên trong gia đình",
        items: [
          {
            key: "tc4.1",
            text: "Kinh tế gia đình ổn định hoặc thoát nghèo",
            maxPoints: 5,
            unconfirmed: true,
          },
          { key: "tc4.2", text: 'Đạt danh hiệu "Gia đình văn hóa"', maxPoints: 5, unconfirmed: true },
          {
            key: "tc4.3",
            text: "Không có thành viên vi phạm pháp luật, mắc tệ nạn xã hội",
            maxPoints: 5,
            unconfirmed: true,
          },
          {
            key: "tc4.4",
            text: "Tham gia Hội Khuyến học, đóng góp quỹ khuyến học",
            maxPoints: 5,
            unconfirmed: true,
          },
        ],
      },
    ],
    thresholds: qd448Thresholds,
  },
};
