/**
 * Saved and submitted reports of the demo wards, through the product's services: Tây Hồ's data entry writes last
 * year's annual report (every section), submits it, and Hà Nội's administrator accepts it; Mạo Khê's administrator
 * submits its own, which waits for Quảng Ninh. The /bao-cao page of Hà Nội then shows its wards' submissions.
 */
import type { Db } from "../db/connection";
import { acceptReport } from "../modules/reports/receiving.service";
import { createReport, saveSection } from "../modules/reports/submissions.service";
import { submitReport } from "../modules/reports/submit.service";
import { actorOf } from "./demo-history";

const wards = [
  { commune: "00103", officer: "tayho", receiver: "hanoi" },
  { commune: "07069", officer: "maokhe", receiver: null },
] as const;

const texts: Record<string, string> = {
  tinh_hinh: "Phường có các tổ dân phố sau sắp xếp năm 2025; nhân dân có truyền thống hiếu học.",
  ton_tai: "Một số tổ dân phố chưa duy trì thường xuyên sinh hoạt học tập; kinh phí còn hạn chế.",
  phuong_huong: "Tiếp tục đẩy mạnh các mô hình học tập; nâng tỷ lệ gia đình học tập, dòng họ học tập.",
};

export async function loadDemoReports(db: Db, options: { today: string; log: (line: string) => void }) {
  const year = Number(options.today.slice(0, 4)) - 1;
  for (const ward of wards) {
    const unit = await db
      .selectFrom("admin_units")
      .select("id")
      .where("level", "=", "commune")
      .where("code", "=", ward.commune)
      .where("valid_to", "is", null)
      .executeTakeFirstOrThrow();
    const template = await db
      .selectFrom("report_templates")
      .select("id")
      .where("code", "=", "xa-nam")
      .where("owner_unit_id", "is", null)
      .orderBy("version", "desc")
      .executeTakeFirstOrThrow();
    const officer = await actorOf(db, ward.officer);
    const draft = await createReport(db, officer, Number(unit.id), {
      templateId: Number(template.id),
      period: { from: `${year}-01-01`, to: `${year}-12-31` },
      document: { signerTitle: "Chủ tịch" },
    });
    for (const section of draft.sections)
      if (texts[section.key])
        await saveSection(db, officer, draft.id, section.key, {
          text: texts[section.key],
          version: section.version,
        });
    await submitReport(db, officer, draft.id, {});
    if (ward.receiver) await acceptReport(db, await actorOf(db, ward.receiver), draft.id);
  }
  options.log(`Báo cáo năm ${year}: ${wards.length} phường đã nộp.`);
}
