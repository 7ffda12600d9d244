/** Catalogue of household columns shown by the cycle pages, the unit scope picker and the import notices (merged into messages.ts). */

export const householdsVi = {
  "nav.titles": "Danh hiệu học tập",
  "nav.rubrics": "Bộ tiêu chí",

  "common.back": "Quay lại",
  "common.yes": "Có",
  "common.no": "Không",
  "common.edit": "Sửa",

  "scope.unit": "Đơn vị",
  "scope.village": "Thôn, tổ dân phố",
  "scope.wholeCommune": "Toàn xã, phường",
  "scope.choose": "Chọn một đơn vị để bắt đầu.",

  "households.code": "Mã hộ",
  "households.village": "Thôn, tổ dân phố",
  "households.members": "Nhân khẩu",

  "import.converted": "Cột {columns} được chuyển từ mã {encoding} sang Unicode.",
} as const;

export const householdsEn: Record<keyof typeof householdsVi, string> = {
  "nav.titles": "Learning titles",
  "nav.rubrics": "Criteria sets",

  "common.back": "Back",
  "common.yes": "Yes",
  "common.no": "No",
  "common.edit": "Edit",

  "scope.unit": "Unit",
  "scope.village": "Village / residential group",
  "scope.wholeCommune": "Whole commune",
  "scope.choose": "Choose a unit to start.",

  "households.code": "Code",
  "households.village": "Village",
  "households.members": "Members",

  "import.converted": "Column {columns} was converted from {encoding} to Unicode.",
};
