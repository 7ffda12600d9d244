/**
 * Data subjects' requests of Phường Tây Hồ (issue 12, item 3), recorded through the service by Hà Nội's unit
 * administrator: a household head's request for a copy received on the last working day (open: it is on the to-do
 * list with its due date), a request to see one's data answered a month ago (the records found and linked), and one
 * refused because nobody of that name is in the ward's books.
 */

import { isWorkingDay } from "../../shared/working-days";
import type { Db } from "../db/connection";
import {
  createRequest,
  linkRequestRecords,
  requestMatches,
  updateRequest,
} from "../modules/privacy/requests.service";
import { addDays } from "../modules/territory/dates";
import { todayIso } from "../registry/rules";
import { actorOf } from "./demo-history";

/** The working day before `day` (weekends skipped; the demo does not need the holidays here). */
function workingDayBefore(day: string): string {
  let d = addDays(day, -1);
  while (!isWorkingDay(d, new Set())) d = addDays(d, -1);
  return d;
}

export async function loadDemoRequests(db: Db, options: { today: string; log: (line: string) => void }) {
  const until = [options.today, todayIso()].sort()[0]!;
  const ward = await db
    .selectFrom("admin_units")
    .select("id")
    .where("level", "=", "commune")
    .where("code", "=", "00103")
    .where("valid_to", "is", null)
    .executeTakeFirstOrThrow();
  const officer = await actorOf(db, "hanoi");
  const heads = await db
    .selectFrom("households")
    .select(["head_name", "village_id"])
    .where("commune_id", "=", ward.id)
    .where("archived_at", "is", null)
    .orderBy("id")
    .limit(2)
    .execute();
  const base = { communeId: ward.id, channel: "paper" as const };

  // Answered a month ago: the records found are linked, the answer given.
  const answered = await createRequest(db, officer, {
    ...base,
    personName: heads[1]!.head_name,
    villageId: heads[1]!.village_id,
    kind: "access",
    receivedOn: workingDayBefore(addDays(until, -30)),
  });
  const found = await requestMatches(db, officer, answered.id, {});
  const linked = await linkRequestRecords(db, officer, answered.id, {
    version: answered.version,
    records: found.map(({ source, id }) => ({ source, id })),
  });
  await updateRequest(db, officer, answered.id, {
    version: linked.version,
    status: "done",
    outcome: "Đã cho người yêu cầu xem dữ liệu tại bộ phận một cửa và gửi bản sao (Excel).",
  });

  const refused = await createRequest(db, officer, {
    ...base,
    personName: "Trần Thị Hương Giang",
    birthYear: 1988,
    kind: "deletion",
    channel: "email",
    receivedOn: workingDayBefore(addDays(until, -12)),
  });
  await updateRequest(db, officer, refused.id, {
    version: refused.version,
    status: "refused",
    refusalReason: "Không có người tên này trong các sổ của phường; đã trả lời qua thư điện tử.",
  });

  // Open: on the to-do list.
  await createRequest(db, officer, {
    ...base,
    personName: heads[0]!.head_name,
    villageId: heads[0]!.village_id,
    kind: "copy",
    receivedOn: workingDayBefore(until),
    notes: "Xin bản sao dữ liệu của hộ để đối chiếu.",
  });
  options.log("Phường Tây Hồ: 3 yêu cầu của chủ thể dữ liệu.");
}
