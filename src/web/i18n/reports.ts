/** Catalogue of the reports page (/bao-cao; merged into messages.ts). */

export const reportsVi = {
  "nav.reports": "Báo cáo",
  "report.title": "Báo cáo từ số liệu",
  "report.template": "Mẫu báo cáo",
  "report.version": "phiên bản {version}",
  "report.from": "Từ ngày",
  "report.to": "Đến ngày",
  "report.refresh": "Tính lại số liệu",
  "report.docx": "Tải .docx",
  "report.pdf": "Tải .pdf",
  "report.number": "Số, ký hiệu",
  "report.date": "Ngày ký",
  "report.signerName": "Người ký",
  "report.signerTitle": "Chức vụ người ký",
  "report.required": "bắt buộc",
  "report.narrative": "Nội dung của mục",
  "report.blockFailed": "Khối số liệu không tính được",
  "report.notSaved":
    "Trang này chưa lưu bản nháp: nội dung đã gõ chỉ nằm trên trang cho đến khi tải .docx hoặc .pdf.",
  "report.noTemplates": "Chưa có mẫu báo cáo cho đơn vị này.",
  "report.pickUnit": "Chọn một xã, phường hoặc tỉnh để lập báo cáo.",
  "report.empty": "Chưa có số liệu",
};

export const reportsEn: Record<keyof typeof reportsVi, string> = {
  "nav.reports": "Reports",
  "report.title": "Reports from the figures",
  "report.template": "Template",
  "report.version": "version {version}",
  "report.from": "From",
  "report.to": "To",
  "report.refresh": "Recompute the figures",
  "report.docx": "Download .docx",
  "report.pdf": "Download .pdf",
  "report.number": "Number",
  "report.date": "Date of signature",
  "report.signerName": "Signer",
  "report.signerTitle": "Signer's post",
  "report.required": "required",
  "report.narrative": "Text of the section",
  "report.blockFailed": "This block could not be computed",
  "report.notSaved":
    "This page saves no draft yet: what you type stays on the page until you download the .docx or .pdf.",
  "report.noTemplates": "No report template for this unit yet.",
  "report.pickUnit": "Choose a commune or a province to prepare a report.",
  "report.empty": "No figures yet",
};
