/**
 * Catalogue of who may do what (merged into messages.ts): the actions' names come from the capability table
 * (src/shared/capabilities.ts), the reasons a page gives for an action it hides or disables are here.
 */
import { type Action, actions, capabilities } from "../../shared/capabilities";

type ActionKeys = Record<`can.action.${Action}`, string>;
const actionNames = (lang: "vi" | "en") =>
  Object.fromEntries(actions.map((a) => [`can.action.${a}`, capabilities[a][lang]])) as ActionKeys;

export const rolesVi = {
  ...actionNames("vi"),
  "can.yourRoles": "Vai trò của bạn ở {unit}: {roles}.",
  "can.noRole": "chỉ xem (được giao đơn vị cấp dưới)",
  "can.notYours": "Việc {action} do vai trò {roles} làm.",
  "can.viewOnly": "Bạn chỉ xem ở đây; các nút sửa không hiện.",
  "why.register.noneSelected": "Đánh dấu các đối tượng cần đăng ký trong bảng dưới.",
  "why.draft.noneSelected": "Chọn ít nhất một hồ sơ trong danh sách đề nghị.",
  "why.sheet.overMax": "Vượt quá điểm tối đa ({max}) của nội dung này: sửa lại.",
  "why.sheet.fixOver": "Còn {count} điểm vượt quá điểm tối đa: sửa trước khi lưu.",
  "why.level2.withheld":
    "Các tiêu chí mức độ 2 đều đạt nhưng chưa được công nhận mức độ 2: {why}. Theo Thông tư 25/2023, xã đạt mức độ 1 sau ít nhất 12 tháng mới được công nhận mức độ 2.",
  "review.sheetLink": "Phiếu chấm, minh chứng",
  "sheet.unsaved": "Phiếu có thay đổi chưa lưu. Rời khỏi phiếu và bỏ các thay đổi này?",
  "why.issue.ownDraft": "Bạn lập dự thảo này nên không tự ban hành được: một người phê duyệt khác ban hành.",
  "why.issue.waiting": "Chờ người có vai trò {roles} ban hành.",
  "why.decision.village":
    "Quyết định do xã, phường lập và ban hành; bạn được giao {unit} nên chỉ xem danh sách đề nghị của đơn vị mình.",
};

export const rolesEn: Record<keyof typeof rolesVi, string> = {
  ...actionNames("en"),
  "can.yourRoles": "Your roles in {unit}: {roles}.",
  "can.noRole": "view only (granted a unit below)",
  "can.notYours": "To {action} is the work of: {roles}.",
  "can.viewOnly": "You can only view here; editing buttons are not shown.",
  "why.register.noneSelected": "Tick the subjects to register in the table below.",
  "why.draft.noneSelected": "Choose at least one record from the proposal list.",
  "why.sheet.overMax": "Above this item's maximum ({max}): correct it.",
  "why.sheet.fixOver": "{count} scores are above their maximum: correct them before saving.",
  "why.level2.withheld":
    "Every level 2 criterion is met, but level 2 is not recognised: {why}. Under Circular 25/2023 a commune reaches level 2 at least 12 months after level 1.",
  "review.sheetLink": "Score sheet and evidence",
  "sheet.unsaved": "The sheet has unsaved changes. Leave it and discard them?",
  "why.issue.ownDraft": "You drafted this decision, so you cannot issue it: another approver issues it.",
  "why.issue.waiting": "Waiting for a {roles} to issue it.",
  "why.decision.village":
    "Decisions are drafted and issued by the commune; you are granted {unit}, so you see its proposals only.",
};
