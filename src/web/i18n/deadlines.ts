import type { MissingCode, MissingReason } from "../../shared/deadlines";

/** Texts of the programme's deadlines: the "Ai trễ hạn" page and the deadline lines of the to-do list. */
export const deadlinesVi = {
  "nav.deadlines": "Ai trễ hạn",
  "deadlines.title": "Ai trễ hạn",
  "deadlines.intro":
    "Các hạn của chương trình trong một năm số liệu (hạn riêng của tỉnh thay hạn chung) và tình trạng của từng xã, phường, tính từ dữ liệu trên phần mềm.",
  "deadlines.unit": "Đơn vị",
  "deadlines.allUnits": "Cả phạm vi của bạn",
  "deadlines.year": "Năm số liệu",
  "deadlines.key": "Hạn",
  "deadlines.anyKey": "Mọi hạn",
  "deadlines.status": "Tình trạng",
  "deadlines.anyStatus": "Mọi tình trạng",
  "deadlines.status.done": "Đã xong",
  "deadlines.status.missing": "Chưa xong",
  "deadlines.status.late": "Trễ hạn",
  "deadlines.status.no_data": "Chưa có dữ liệu",
  "deadlines.key.tt25_dossier": "Hồ sơ Cộng đồng học tập (TT 25)",
  "deadlines.key.recognition": "Công nhận danh hiệu",
  "deadlines.key.fund_disclosure": "Công khai quỹ",
  "deadlines.key.annual_report": "Báo cáo năm",
  "deadlines.key.learning_week": "Tuần lễ học tập suốt đời",
  "deadlines.csv": "Tải CSV",
  "deadlines.calendar": "Lịch hạn năm số liệu {year}",
  "deadlines.due": "hạn {date}",
  "deadlines.period": "{start} – {end}",
  "deadlines.unconfirmed": "chưa xác minh",
  "deadlines.provinceDate": "hạn riêng của {name}",
  "deadlines.province": "Tỉnh, thành phố",
  "deadlines.commune": "Xã, phường",
  "deadlines.count": "{count} xã, phường",
  "deadlines.empty": "Không có xã, phường nào khớp bộ lọc",
  "deadlines.missing.not_registered": "Chưa đăng ký đánh giá Cộng đồng học tập cấp xã năm {year}",
  "deadlines.missing.not_assessed": "Chưa chấm phiếu tự đánh giá theo TT 25/2023 năm {year}",
  "deadlines.missing.no_registrations": "Chưa có hồ sơ đăng ký danh hiệu năm {year}",
  "deadlines.missing.unreviewed": "{count} hồ sơ chưa tự đánh giá, bình xét",
  "deadlines.missing.undecided": "{count} hồ sơ đề nghị chưa có quyết định công nhận",
  "deadlines.missing.unissued": "{count} hồ sơ có dự thảo quyết định chưa ban hành",
  "deadlines.missing.not_disclosed": "{name} chưa công khai thu – chi năm {year}",
  "deadlines.missing.no_fund": "Chưa có dữ liệu: xã, phường chưa có quỹ khuyến học trên phần mềm",
  "deadlines.missing.no_reports_module":
    "Chưa có dữ liệu: phần mềm chưa có chức năng nộp báo cáo năm lên cấp trên",
  "deadlines.missing.report_not_submitted": "Chưa nộp báo cáo năm {year} lên cấp trên",
  "deadlines.missing.report_returned": "Báo cáo năm {year} bị trả lại, chưa nộp lại",
  "deadlines.missing.week_report_not_submitted":
    "Chưa nộp báo cáo Tuần lễ hưởng ứng học tập suốt đời năm {year}",
  "deadlines.missing.week_report_returned":
    "Báo cáo Tuần lễ hưởng ứng học tập suốt đời năm {year} bị trả lại, chưa nộp lại",
  "deadlines.missing.no_week_records":
    "Chưa có dữ liệu: phần mềm chưa ghi kế hoạch, báo cáo Tuần lễ hưởng ứng học tập suốt đời",
  "todo.step.deadline": "Hạn của chương trình",
  "todo.deadline.subject": "Lịch hạn",
  "todo.deadline.communes": "{late} xã, phường trễ hạn, {missing} chưa xong (trên {total})",
} as const;

export const deadlinesEn: Record<keyof typeof deadlinesVi, string> = {
  "nav.deadlines": "Who is late",
  "deadlines.title": "Who is late",
  "deadlines.intro":
    "The programme's deadlines of a data year (a province's own dates replace the national ones) and where each commune stands, computed from the data in the application.",
  "deadlines.unit": "Unit",
  "deadlines.allUnits": "All of your scope",
  "deadlines.year": "Data year",
  "deadlines.key": "Deadline",
  "deadlines.anyKey": "Any deadline",
  "deadlines.status": "Status",
  "deadlines.anyStatus": "Any status",
  "deadlines.status.done": "Done",
  "deadlines.status.missing": "Not done",
  "deadlines.status.late": "Late",
  "deadlines.status.no_data": "No data yet",
  "deadlines.key.tt25_dossier": "Learning community dossier (TT 25)",
  "deadlines.key.recognition": "Title recognition",
  "deadlines.key.fund_disclosure": "Fund disclosure",
  "deadlines.key.annual_report": "Annual report",
  "deadlines.key.learning_week": "Lifelong learning week",
  "deadlines.csv": "Download CSV",
  "deadlines.calendar": "Deadlines of data year {year}",
  "deadlines.due": "due {date}",
  "deadlines.period": "{start} – {end}",
  "deadlines.unconfirmed": "unconfirmed",
  "deadlines.provinceDate": "{name}'s own date",
  "deadlines.province": "Province",
  "deadlines.commune": "Commune",
  "deadlines.count": "{count} communes",
  "deadlines.empty": "No commune matches the filter",
  "deadlines.missing.not_registered":
    "Not registered for the commune learning community assessment of {year}",
  "deadlines.missing.not_assessed": "The TT 25/2023 self-assessment of {year} is not scored",
  "deadlines.missing.no_registrations": "No title registrations in {year}",
  "deadlines.missing.unreviewed": "{count} files not self-assessed or reviewed",
  "deadlines.missing.undecided": "{count} proposed files without a recognition decision",
  "deadlines.missing.unissued": "{count} files with a draft decision not issued",
  "deadlines.missing.not_disclosed": "{name}: receipts and payments of {year} not disclosed",
  "deadlines.missing.no_fund": "No data yet: the commune keeps no learning-promotion fund in the application",
  "deadlines.missing.no_reports_module":
    "No data yet: the application does not submit annual reports up the levels yet",
  "deadlines.missing.report_not_submitted": "The {year} report is not submitted",
  "deadlines.missing.report_returned": "The {year} report was returned and is not submitted again",
  "deadlines.missing.week_report_not_submitted": "The {year} Lifelong Learning Week report is not submitted",
  "deadlines.missing.week_report_returned":
    "The {year} Lifelong Learning Week report was returned and is not submitted again",
  "deadlines.missing.no_week_records":
    "No data yet: the application does not record the lifelong learning week yet",
  "todo.step.deadline": "Programme deadline",
  "todo.deadline.subject": "Programme calendar",
  "todo.deadline.communes": "{late} communes late, {missing} not done (of {total})",
};

/** A missing thing of a deadline in the page's language (the API's `reasons`; docs/DEADLINES.md). */
export function reasonText(
  t: (key: `deadlines.missing.${MissingCode}`, params: Record<string, string | number>) => string,
  reason: MissingReason,
  year: number,
): string {
  return t(`deadlines.missing.${reason.code}`, { count: reason.count ?? 0, name: reason.name ?? "", year });
}
