/**
 * Catalogue of the statistics dashboard (merged into messages.ts). The metric labels repeat those of the server's
 * metrics.ts (the exports' column headings); test/api/stats-export.test.ts checks that they agree.
 */

export const statsVi = {
  "nav.stats": "Thống kê",

  "stats.title": "Thống kê danh hiệu học tập",
  "stats.year": "Năm",
  "stats.nation": "Toàn quốc",
  "stats.titleField": "Danh hiệu",
  "stats.asOf": "Theo địa giới hành chính có hiệu lực ngày {date}",
  "stats.totalDefinition": "Tổng số: {definition}",

  "stats.metric.total": "Tổng số",
  "stats.metric.registered": "Đăng ký",
  "stats.metric.recognized": "Đạt",
  "stats.metric.registeredRate": "Tỷ lệ đăng ký (%)",
  "stats.metric.recognizedRate": "Tỷ lệ đạt (%)",

  "stats.target": "Chỉ tiêu năm {year}: {value}%",
  "stats.target.national": "quốc gia",
  "stats.target.local": "địa phương",
  "stats.target.basis": "Căn cứ: {basis}",
  "stats.status.met": "Đạt",
  "stats.status.not_met": "Chưa đạt",
  "stats.status.exceeded": "Vượt",
  "stats.noRate": "—",

  "stats.estimated": "ước tính",
  "stats.children": "Đơn vị trực thuộc",
  "stats.noChildren": "{name} không có đơn vị trực thuộc.",
  "stats.rankBy": "Xếp hạng theo",
  "stats.chartTitle": "{metric} của các đơn vị trực thuộc",
  "stats.chartError": "Không tải được biểu đồ: {message}",
  "stats.drill": "Xem {name}",
  "stats.drillHint": "Bấm vào một cột hoặc một dòng để xem đơn vị đó.",
  "stats.unitColumn": "Đơn vị",
  "stats.totalRow": "Tổng cộng",
  "stats.trend": "Diễn biến qua các năm",
  "stats.trendNone": "Chưa có số liệu theo năm cho đơn vị này.",
  "stats.downloadXlsx": "Tải biểu Excel",
  "stats.downloadCsv": "Tải CSV",
  "stats.boundaries": "Địa giới",
  "stats.boundaries.historical": "Như khi ghi nhận",
  "stats.boundaries.current": "Quy đổi về địa giới hiện hành",
  "stats.boundariesHelp":
    "Quy đổi: số liệu của đơn vị cũ được cộng vào đơn vị mới kế thừa; phần chia đều được đánh dấu “ước tính”.",
} as const;

export const statsEn: Record<keyof typeof statsVi, string> = {
  "nav.stats": "Statistics",

  "stats.title": "Learning title statistics",
  "stats.year": "Year",
  "stats.nation": "Whole country",
  "stats.titleField": "Title",
  "stats.asOf": "Administrative boundaries in force on {date}",
  "stats.totalDefinition": "Total: {definition}",

  "stats.metric.total": "Total",
  "stats.metric.registered": "Registered",
  "stats.metric.recognized": "Recognised",
  "stats.metric.registeredRate": "Registration rate (%)",
  "stats.metric.recognizedRate": "Recognition rate (%)",

  "stats.target": "Target for {year}: {value}%",
  "stats.target.national": "national",
  "stats.target.local": "local",
  "stats.target.basis": "Basis: {basis}",
  "stats.status.met": "Met",
  "stats.status.not_met": "Not met",
  "stats.status.exceeded": "Exceeded",
  "stats.noRate": "—",

  "stats.estimated": "estimate",
  "stats.children": "Subordinate units",
  "stats.noChildren": "{name} has no subordinate units.",
  "stats.rankBy": "Rank by",
  "stats.chartTitle": "{metric} of the subordinate units",
  "stats.chartError": "The chart could not be loaded: {message}",
  "stats.drill": "Open {name}",
  "stats.drillHint": "Click a bar or a row to open that unit.",
  "stats.unitColumn": "Unit",
  "stats.totalRow": "Total",
  "stats.trend": "Trend over the years",
  "stats.trendNone": "No yearly figures for this unit yet.",
  "stats.downloadXlsx": "Download Excel report",
  "stats.downloadCsv": "Download CSV",
  "stats.boundaries": "Boundaries",
  "stats.boundaries.historical": "As recorded",
  "stats.boundaries.current": "Mapped to current boundaries",
  "stats.boundariesHelp":
    "Mapped: the figures of former units are added to the units that succeeded them; equal splits are marked “estimate”.",
};
