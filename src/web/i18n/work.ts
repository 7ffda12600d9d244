/** Catalogue of the to-do page, carrying registrations forward, evidence files and TT 25 documents. */

export const workVi = {
  "nav.todo": "Việc cần làm",
  "todo.title": "Việc cần làm",
  "todo.year": "Năm",
  "todo.unit": "Đơn vị",
  "todo.what": "Việc cần làm",
  "todo.count": "Số hồ sơ",
  "todo.due": "Hạn",
  "todo.overdue": "Quá hạn",
  "todo.noDue": "Không có hạn",
  "todo.open": "Mở",
  "todo.empty": "Không có việc nào cần làm trong năm này.",
  "todo.step.self_assessment": "Tự đánh giá, chấm điểm các hồ sơ đã đăng ký",
  "todo.step.review": "Họp bình xét các hồ sơ đã tự đánh giá",
  "todo.step.decision": "Lập quyết định công nhận cho danh sách đề nghị",
  "todo.step.issue": "Phê duyệt, ban hành quyết định đã lập",
  "todo.step.fund_disclosure": "Công khai thu – chi của quỹ năm trước",
  "todo.subject": "Danh hiệu, quỹ",
  "todo.fund.publish": "Công khai thu – chi năm {year}",
  "todo.fund.closeAndPublish": "Khóa sổ và công khai thu – chi năm {year}",

  "carry.button": "Chuyển từ năm trước",
  "carry.ok": "Chuyển",
  "carry.confirm": "Đăng ký năm {year} cho các đối tượng đã đăng ký năm {from}?",
  "carry.done":
    "Đã đăng ký {created}; bỏ qua {skipped} đã có; không chuyển: {moved} chuyển đi, {merged} nhập hộ, {dissolved} không còn",

  "evidence.upload": "Đính kèm tệp minh chứng",
  "evidence.added": "Đã đính kèm {name}.",

  "tt25.title": "Hồ sơ Cộng đồng học tập cấp xã (Thông tư 25/2023)",
  "tt25.date": "Ngày ký",
  "tt25.signerName": "Người ký",
  "tt25.signerTitle": "Chức vụ",
  "tt25.report": "Báo cáo tự đánh giá (.docx)",
  "tt25.summary": "Bản tổng hợp tiêu chí (.docx)",
} as const;

export const workEn: Record<keyof typeof workVi, string> = {
  "nav.todo": "To do",
  "todo.title": "To do",
  "todo.year": "Year",
  "todo.unit": "Unit",
  "todo.what": "What to do",
  "todo.count": "Files",
  "todo.due": "Due",
  "todo.overdue": "Overdue",
  "todo.noDue": "No deadline",
  "todo.open": "Open",
  "todo.empty": "Nothing to do this year.",
  "todo.step.self_assessment": "Self-assess and score the registered files",
  "todo.step.review": "Hold the review meeting on the self-assessed files",
  "todo.step.decision": "Draft the recognition decision for the proposed list",
  "todo.step.issue": "Approve and issue the drafted decision",
  "todo.step.fund_disclosure": "Publish the fund's income and spending of last year",
  "todo.subject": "Title or fund",
  "todo.fund.publish": "Publish the income and spending of {year}",
  "todo.fund.closeAndPublish": "Close the books of {year} and publish its income and spending",

  "carry.button": "Carry forward from last year",
  "carry.ok": "Carry forward",
  "carry.confirm": "Register for {year} the candidates registered in {from}?",
  "carry.done":
    "Registered {created}; skipped {skipped} already there; not carried: {moved} moved away, {merged} merged, {dissolved} gone",

  "evidence.upload": "Attach an evidence file",
  "evidence.added": "Attached {name}.",

  "tt25.title": "Commune learning community file (Circular 25/2023)",
  "tt25.date": "Signing date",
  "tt25.signerName": "Signer",
  "tt25.signerTitle": "Position",
  "tt25.report": "Self-assessment report (.docx)",
  "tt25.summary": "Criteria summary (.docx)",
};
