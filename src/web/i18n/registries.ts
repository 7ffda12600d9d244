/**
 * Catalogue of the registry pages (merged into messages.ts). One set of texts serves every kind: a kind's page
 * fills in its noun, its fields and its columns from its declaration (src/shared/registry/kinds). The placeholders
 * {noun}, {nouns} (plural in English), {Noun} and {Nouns} (capitalised) are the kind's.
 */

export const registriesVi = {
  "nav.registries": "Sổ theo dõi",

  "registry.code": "Mã",
  "registry.place": "Nơi thuộc",
  "registry.search": "Tìm {fields} (không cần dấu)",
  "registry.showArchived": "{Nouns} đã lưu trữ",
  "registry.count": "{count} {nouns}",
  "registry.empty": "Chưa có {nouns} nào.",
  "registry.add": "Thêm {noun}",
  "registry.added": "Đã thêm {noun} {name}.",
  "registry.editTitle": "Sửa {noun} {name}",
  "registry.archive": "Lưu trữ",
  "registry.archiveTitle": "Lưu trữ {noun} {name}",
  "registry.archiveHelp": "{Noun} đã lưu trữ không còn trong danh sách và không đăng ký danh hiệu được nữa.",
  "registry.archivedTag": "Đã lưu trữ",
  "registry.saved": "Đã lưu.",
  "registry.archived": "Đã lưu trữ.",
  "registry.reason": "Lý do",
  "registry.reasonRequired": "Chọn lý do",
  "registry.import": "Nhập từ Excel",
  "registry.export": "Xuất Excel",
  "registry.importTitle": "Nhập danh sách {nouns} từ Excel",
  "registry.importHelp":
    "Tải tệp mẫu, điền {columns} rồi chọn tệp .xlsx hoặc .csv. Tệp gõ bằng mã TCVN3 (ABC) hoặc VNI được tự chuyển sang Unicode. Hệ thống kiểm tra trước, chưa ghi gì cho đến khi bạn bấm “Nhập chính thức”.",
  "registry.needCommune": "Chọn một xã, phường để thêm và nhập danh sách.",
  "registry.noVillages":
    "Xã, phường chưa có thôn, tổ dân phố nào. Thêm thôn ở trang Đơn vị hành chính trước.",
  "registry.required": "Nhập {what}",
  "registry.choose": "Chọn {what}",
  "registry.range": "{label} từ {min} đến {max}",
  "registry.wholeCommune": "Trực thuộc xã, phường",
  "registry.codeHint": "Để trống để hệ thống tự cấp mã",
  "registry.searchHint": "Gõ để tìm (không cần dấu)",
  "registry.changes": "Các dòng được cập nhật",
  "registry.changeKey": "Dòng của",
  "registry.changeFields": "Thay đổi",
  "register.clanAtCommune": "Dòng họ thuộc xã, phường: chọn “Toàn xã, phường” để đăng ký dòng họ.",

  "clans.head": "Trưởng họ",
  "clans.households": "Hộ thành viên",
} as const;

export const registriesEn: Record<keyof typeof registriesVi, string> = {
  "nav.registries": "Registries",

  "registry.code": "Code",
  "registry.place": "Belongs to",
  "registry.search": "Search {fields} (diacritics optional)",
  "registry.showArchived": "{Nouns} (archived)",
  "registry.count": "{count} {nouns}",
  "registry.empty": "No {nouns} yet.",
  "registry.add": "Add {noun}",
  "registry.added": "Added {noun} {name}.",
  "registry.editTitle": "Edit {noun} {name}",
  "registry.archive": "Archive",
  "registry.archiveTitle": "Archive {noun} {name}",
  "registry.archiveHelp": "{Noun}: once archived, it leaves the list and can no longer register for a title.",
  "registry.archivedTag": "Archived",
  "registry.saved": "Saved.",
  "registry.archived": "Archived.",
  "registry.reason": "Reason",
  "registry.reasonRequired": "Choose a reason",
  "registry.import": "Import from Excel",
  "registry.export": "Export to Excel",
  "registry.importTitle": "Import {nouns} from Excel",
  "registry.importHelp":
    "Download the template, fill in {columns} and choose the .xlsx or .csv file. Text typed in TCVN3 (ABC) or VNI is converted to Unicode. The file is checked first; nothing is saved until you press “Import for real”.",
  "registry.needCommune": "Choose a commune to add and import entries.",
  "registry.noVillages": "The commune has no village yet. Add one on the Administrative units page first.",
  "registry.required": "Enter the {what}",
  "registry.choose": "Choose the {what}",
  "registry.range": "{label} from {min} to {max}",
  "registry.wholeCommune": "The commune itself",
  "registry.codeHint": "Leave empty to get a code from the system",
  "registry.searchHint": "Type to search (diacritics optional)",
  "registry.changes": "Rows updated",
  "registry.changeKey": "Row of",
  "registry.changeFields": "Changes",
  "register.clanAtCommune": "Clans belong to the commune: choose “Whole commune” to register clans.",

  "clans.head": "Clan head",
  "clans.households": "Member households",
};
