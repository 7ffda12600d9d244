/** Catalogue of the learners' hours on the score sheet and the classes' completion certificates (merged into messages.ts). */

export const learnerEvidenceVi = {
  "hours.title": "Giờ học ghi nhận tại trung tâm học tập cộng đồng",
  "hours.tag": "Minh chứng",
  "hours.help":
    "Giờ học chỉ là minh chứng, không tự chấm: bấm “Dùng gợi ý” để ghi dòng này vào minh chứng của nội dung.",
  "completion.download": "Giấy chứng nhận (PDF)",
  "completion.help": "Một trang cho mỗi học viên có mặt từ 80% số buổi trở lên, có mã QR xác minh.",
  "completion.noCertificate": "Lớp này không cấp giấy chứng nhận",
  "completion.title": "Giấy chứng nhận hoàn thành lớp học",
  "completion.holder": "Học viên",
  "completion.minor": "Học viên chưa đủ 16 tuổi: không hiển thị tên",
  "completion.activity": "Lớp học, chuyên đề",
  "completion.centre": "Trung tâm",
  "completion.dates": "Thời gian",
} as const;

export const learnerEvidenceEn: Record<keyof typeof learnerEvidenceVi, string> = {
  "hours.title": "Hours attended at the community learning centre",
  "hours.tag": "Evidence",
  "hours.help":
    "Hours are evidence only and never score: “Use suggestion” writes this line into the item's evidence.",
  "completion.download": "Certificates (PDF)",
  "completion.help": "One page per learner present at 80% of the sessions or more, with a QR check code.",
  "completion.noCertificate": "This class issues no certificate",
  "completion.title": "Class completion certificate",
  "completion.holder": "Learner",
  "completion.minor": "Learner under 16: name not shown",
  "completion.activity": "Class or talk",
  "completion.centre": "Centre",
  "completion.dates": "Dates",
};
