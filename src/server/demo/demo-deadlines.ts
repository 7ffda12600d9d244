/**
 * The programme calendar of the demo (docs/DEADLINES.md): Hà Nội sets its own date for its wards' annual report,
 * 30/11 from the data year 2025 (the national default, 15/12, is the city's own report to the Ministry), through the
 * service as the city's admin `hanoi`. The status of every deadline is computed from the demo's live data.
 */
import type { Db } from "../db/connection";
import { setDeadline } from "../modules/deadlines/deadlines.service";
import { actorOf } from "./demo-history";

export async function loadDemoDeadlines(db: Db, options: { log: (line: string) => void }) {
  const hanoi = await db
    .selectFrom("admin_units")
    .select("id")
    .where("level", "=", "province")
    .where("code", "=", "01")
    .where("valid_to", "is", null)
    .executeTakeFirstOrThrow();
  await setDeadline(db, await actorOf(db, "hanoi"), {
    provinceId: hanoi.id,
    key: "annual_report",
    level: "commune",
    day: 30,
    month: 11,
    yearOffset: 0,
    validFrom: 2025,
    note: "Xã, phường báo cáo Thành phố trước 30/11 để Thành phố tổng hợp báo cáo Bộ trước 15/12",
  });
  options.log("Lịch hạn: Thành phố Hà Nội đặt hạn báo cáo năm của xã, phường 30/11.");
}
