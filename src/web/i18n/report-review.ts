/** Catalogue of the review of a report on /bao-cao: comments by section, refresh of the live blocks (merged into messages.ts). */

export const reportReviewVi = {
  "report.refreshDraft": "Làm mới số liệu",
  "report.refreshFirst": "Lần làm mới đầu tiên của bản nháp: chưa có số liệu trước để so sánh.",
  "report.refreshSame": "Số liệu không đổi so với lần làm mới lúc {time}.",
  "report.refreshChanged": "{count} dòng số liệu đổi so với lần làm mới lúc {time}:",
  "report.comments": "Góp ý của cấp trên",
  "report.commentBy": "{author} · {time} · phiên bản {version}",
  "report.resolve": "Đã xử lý",
  "report.resolvedBy": "Đã xử lý: {name}, {time}",
  "report.review": "Xem và góp ý",
  "report.commentPlaceholder": "Góp ý cho mục này (tối đa 2000 ký tự)",
  "report.sendComment": "Gửi góp ý",
  "report.noText": "(chưa có nội dung)",
};

export const reportReviewEn: Record<keyof typeof reportReviewVi, string> = {
  "report.refreshDraft": "Refresh the figures",
  "report.refreshFirst": "First refresh of this draft: nothing earlier to compare with.",
  "report.refreshSame": "No figure changed since the refresh at {time}.",
  "report.refreshChanged": "{count} figure lines changed since the refresh at {time}:",
  "report.comments": "Comments of the level above",
  "report.commentBy": "{author} · {time} · version {version}",
  "report.resolve": "Handled",
  "report.resolvedBy": "Handled: {name}, {time}",
  "report.review": "Read and comment",
  "report.commentPlaceholder": "Comment on this section (at most 2000 characters)",
  "report.sendComment": "Send comment",
  "report.noText": "(no text yet)",
};
