/**
 * Catalogue of a plan's targets on /bao-cao, the due date's source in the receiving table, and the province's own
 * deadline form on /tre-han (merged into messages.ts).
 */

export const planTargetsVi = {
  "plan.targets": "Chỉ tiêu của kế hoạch",
  "plan.targetsHelp":
    "Khi ban hành (nộp) kế hoạch, các chỉ tiêu này thành chỉ tiêu riêng của đơn vị trong Thống kê, căn cứ số và ngày của kế hoạch; ban hành lại phiên bản mới thì thay chỉ tiêu cũ. Việc này của Quản trị đơn vị.",
  "plan.title": "Danh hiệu",
  "plan.year": "Năm",
  "plan.value": "Chỉ tiêu (%)",
  "plan.add": "Thêm chỉ tiêu",
  "plan.remove": "Xóa",
  "report.dueAuto": "Để trống: theo lịch hạn",
  "deadlines.own": "Hạn riêng của tỉnh",
  "deadlines.ownHelp":
    "Hạn cho các xã, phường của tỉnh, từ một năm số liệu; năm sau vẫn giữ đến khi đặt phiên bản mới. Xóa thì xã, phường trở lại hạn chung.",
  "deadlines.ownKey": "Hạn",
  "deadlines.ownDate": "Ngày hạn",
  "deadlines.ownFrom": "Áp dụng từ năm số liệu",
  "deadlines.ownNote": "Ghi chú, căn cứ",
  "deadlines.ownSave": "Đặt hạn riêng",
  "deadlines.ownSaved": "Đã đặt hạn riêng",
  "deadlines.ownVersions": "Các phiên bản hạn riêng của tỉnh",
  "deadlines.ownNone": "Tỉnh chưa đặt hạn riêng: xã, phường theo hạn chung toàn quốc",
  "deadlines.ownDelete": "Xóa",
  "deadlines.ownDeleteConfirm": "Xóa hạn riêng này? Xã, phường trở lại hạn chung.",
  "deadlines.ownAdminOnly":
    "Chỉ Quản trị đơn vị của tỉnh, thành phố hoặc Quản trị hệ thống đặt hạn riêng của tỉnh",
  "deadlines.ownYearOffset": "năm sau",
};

export const planTargetsEn: Record<keyof typeof planTargetsVi, string> = {
  "plan.targets": "The plan's targets",
  "plan.targetsHelp":
    "When the plan is issued (submitted), these targets become the unit's local targets in the statistics, citing the plan's number and date; issuing a new version replaces them. Unit administrators do this.",
  "plan.title": "Title",
  "plan.year": "Year",
  "plan.value": "Target (%)",
  "plan.add": "Add a target",
  "plan.remove": "Remove",
  "report.dueAuto": "Empty: from the deadlines calendar",
  "deadlines.own": "The province's own deadline",
  "deadlines.ownHelp":
    "A date for the province's communes from a data year on; later years keep it until a new version. Deleting it returns them to the national date.",
  "deadlines.ownKey": "Deadline",
  "deadlines.ownDate": "Due date",
  "deadlines.ownFrom": "From data year",
  "deadlines.ownNote": "Note, basis",
  "deadlines.ownSave": "Set the own deadline",
  "deadlines.ownSaved": "Own deadline set",
  "deadlines.ownVersions": "The province's own deadline versions",
  "deadlines.ownNone": "No own deadline: the communes follow the national dates",
  "deadlines.ownDelete": "Delete",
  "deadlines.ownDeleteConfirm": "Delete this own deadline? The communes return to the national date.",
  "deadlines.ownAdminOnly":
    "Only the province's unit administrators or system administrators set its own deadlines",
  "deadlines.ownYearOffset": "next year",
};
