/** Catalogue of closing a year's figures on the statistics dashboard (merged into messages.ts). */

export const yearCloseVi = {
  "yearClose.title": "Khóa số liệu năm {year}",
  "yearClose.action": "Khóa số liệu năm",
  "yearClose.confirm":
    "Khóa số liệu năm {year}? Tổng số (hộ, dòng họ, thôn, đơn vị, công dân…) được chốt: tỷ lệ của năm {year} không đổi khi sổ thay đổi về sau.",
  "yearClose.confirmProvince":
    "Khóa số liệu năm {year} cho mọi xã, phường của {name} đã ban hành quyết định? Xã chưa khóa được sẽ được liệt kê.",
  "yearClose.ok": "Khóa",
  "yearClose.closed": "Đã khóa số liệu năm {year}",
  "yearClose.closedAt": "Khóa lúc {when} ({who}); tỷ lệ của năm tính trên tổng số đã chốt.",
  "yearClose.partly": "Đã khóa {closed}/{total} xã, phường",
  "yearClose.open": "Chưa khóa: tỷ lệ của năm tính trên tổng số hôm nay",
  "yearClose.done": "Đã khóa số liệu năm {year} ({count} xã, phường)",
  "yearClose.skipped": "Chưa khóa được: {reasons}",
  "yearClose.reopen": "Mở lại",
  "yearClose.reopenTitle": "Mở lại số liệu năm {year}",
  "yearClose.reopenHelp":
    "Sau khi mở lại, tỷ lệ của năm tính lại trên tổng số hôm nay. Lần khóa cũ vẫn lưu trong lịch sử.",
  "yearClose.reason": "Lý do mở lại",
  "yearClose.reasonRequired": "Nhập lý do mở lại",
  "yearClose.reopened": "Đã mở lại số liệu năm {year}",
  "yearClose.frozenNote": "Tổng số đã chốt khi khóa số liệu năm lúc {when}.",
  "yearClose.frozenSome": "{closed}/{total} xã, phường đã khóa số liệu năm: các xã này dùng tổng số đã chốt.",
  "audit.entity.year_closure": "Khóa số liệu năm",
  "audit.action.close": "Khóa",
  "audit.action.reopen": "Mở lại",
} as const;

export const yearCloseEn: Record<keyof typeof yearCloseVi, string> = {
  "yearClose.title": "Close the figures of {year}",
  "yearClose.action": "Close the year's figures",
  "yearClose.confirm":
    "Close the figures of {year}? The totals (households, clans, villages, organisations, citizens…) are frozen: the rates of {year} no longer change when the registries do.",
  "yearClose.confirmProvince":
    "Close {year} for every commune of {name} that has issued its decisions? Communes that cannot be closed are listed.",
  "yearClose.ok": "Close",
  "yearClose.closed": "Figures of {year} closed",
  "yearClose.closedAt": "Closed at {when} ({who}); the year's rates divide by the frozen totals.",
  "yearClose.partly": "{closed}/{total} communes closed",
  "yearClose.open": "Open: the year's rates divide by today's totals",
  "yearClose.done": "Figures of {year} closed ({count} communes)",
  "yearClose.skipped": "Not closed: {reasons}",
  "yearClose.reopen": "Reopen",
  "yearClose.reopenTitle": "Reopen the figures of {year}",
  "yearClose.reopenHelp":
    "Once reopened, the year's rates divide by today's totals again. The closing stays in the history.",
  "yearClose.reason": "Reason for reopening",
  "yearClose.reasonRequired": "Enter the reason for reopening",
  "yearClose.reopened": "Figures of {year} reopened",
  "yearClose.frozenNote": "Totals frozen when the year was closed at {when}.",
  "yearClose.frozenSome": "{closed}/{total} communes closed the year: those use their frozen totals.",
  "audit.entity.year_closure": "Year closing",
  "audit.action.close": "Close",
  "audit.action.reopen": "Reopen",
};
