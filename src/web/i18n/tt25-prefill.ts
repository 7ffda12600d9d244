/** Catalogue of the score sheet's suggestions from the centres' ratings (merged into messages.ts). */

export const prefillVi = {
  "prefill.title": "Gợi ý từ xếp loại trung tâm học tập cộng đồng",
  "prefill.met": "Gợi ý: Đạt",
  "prefill.notMet": "Gợi ý: Chưa đạt",
  "prefill.points": "Gợi ý: {points} điểm",
  "prefill.none": "Chưa có gợi ý",
  "prefill.apply": "Dùng gợi ý",
  "prefill.applied": "Đã dùng gợi ý; bấm “Lưu kết quả” để ghi",
  "prefill.help":
    "Gợi ý không tự chấm: bấm “Dùng gợi ý” để chọn theo gợi ý và ghi nguồn vào minh chứng. Xếp loại Tốt được tính là đạt (chờ xác nhận).",
} as const;

export const prefillEn: Record<keyof typeof prefillVi, string> = {
  "prefill.title": "Suggestion from the learning centres' rating",
  "prefill.met": "Suggested: met",
  "prefill.notMet": "Suggested: not met",
  "prefill.points": "Suggested: {points} points",
  "prefill.none": "No suggestion",
  "prefill.apply": "Use suggestion",
  "prefill.applied": "Suggestion used; press “Save result” to record it",
  "prefill.help":
    "A suggestion never scores by itself: “Use suggestion” applies it and writes its source into the evidence. A “good” rating counts as met (to be confirmed).",
};
