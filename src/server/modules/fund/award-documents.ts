/**
 * The signature list (danh sách ký nhận) of an award round, as PDF and as XLSX: the same content in both (the NĐ 30
 * letterhead, the round's decision, STT, họ và tên, lớp, trường, số tiền, ký nhận, the total with the amount in
 * words, the signers). Every recipient is named in full, minors included: the list is the accounting record the
 * recipients (or their parents) sign against the phiếu chi, kept with the fund's books, never published; the public
 * disclosure never names a minor (award-disclosure.ts).
 */
import { PassThrough } from "node:stream";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { formatNd30PlaceDate } from "../../documents/nd30.docx";
import { placeName, unitInSentence } from "../../documents/nd30-names";
import { renderSignatureList, type SignatureListData } from "../../documents/signature-list.pdf";
import { writeXlsx, type XlsxBlockRow } from "../../lib/xlsx-stream";
import { logExport } from "../readlog/processing-log";
import { lockRound } from "./award-rounds.service";
import { vnDate } from "./ledger";
import { amountInWords } from "./money";
import { personOf } from "./vouchers.service";

async function listData(
  tx: Db,
  actor: Actor,
  fundId: number,
  roundId: number,
  communeId: number | undefined,
) {
  const { fund, row } = await lockRound(tx, actor, fundId, roundId, "read", communeId);
  const unit = await tx
    .selectFrom("admin_units")
    .select(["id", "name", "level"])
    .where("id", "=", fund.commune_id)
    .executeTakeFirstOrThrow();
  const province = await tx
    .selectFrom("admin_unit_paths as p")
    .innerJoin("admin_units as u", "u.id", "p.ancestor_id")
    .select("u.name")
    .where("p.descendant_id", "=", unit.id)
    .orderBy("p.depth", "desc")
    .executeTakeFirstOrThrow();
  const recipients = await tx
    .selectFrom("fund_award_recipients as x")
    .select(["x.line", "x.full_name", "x.class", "x.school", "x.amount"])
    .where("x.commune_id", "=", fund.commune_id)
    .where("x.round_id", "=", row.id)
    .orderBy("x.line")
    .execute();
  const association = fund.owner_kind === "association";
  // The Hội of the unit answers to the province's Hội (or the national one); a chapter, clan or school to its Hội.
  const superior = association
    ? unit.level === "province"
      ? "Trung ương Hội Khuyến học Việt Nam"
      : `Hội Khuyến học ${unitInSentence(province.name)}`
    : `Hội Khuyến học ${unitInSentence(unit.name)}`;
  const voucher = row.number === null ? null : `PC${row.number}/${row.year}`;
  const data: SignatureListData = {
    superior,
    issuer: fund.owner_name,
    place: placeName(unit.name),
    date: row.paid_on ?? row.decision_date,
    title: row.name,
    subtitle: row.decision_number
      ? `(Kèm theo Quyết định số ${row.decision_number}${row.decision_date ? ` ngày ${vnDate(row.decision_date)}` : ""} của ${fund.owner_name})`
      : null,
    note:
      row.state === "draft"
        ? "Dự thảo: đợt trao chưa được duyệt"
        : row.state === "cancelled"
          ? "Đợt trao đã hủy"
          : voucher && `Chi theo phiếu chi số ${voucher}`,
    rows: recipients.map((r) => ({
      line: r.line,
      name: r.full_name,
      class: r.class,
      school: r.school,
      amount: r.amount,
    })),
    total: recipients.reduce((s, r) => s + r.amount, 0),
    signers: [
      { title: ["Người lập danh sách"], name: row.list_by_name && personOf(row.list_by_name) },
      { title: ["Thủ quỹ"], name: row.paid_by_name && personOf(row.paid_by_name) },
      {
        title: [...(association ? ["TM. Ban Chấp hành"] : []), row.signer_title],
        name: row.signer_name,
      },
    ],
  };
  return { data, file: `danh-sach-ky-nhan-${row.id}`, communeId: fund.commune_id };
}

/**
 * Reads the list, logs it as printed (names of recipients, often children) and adds the footer line. With `unitId`
 * (the fund's commune, or province) the fund is looked for there alone.
 */
async function loggedListData(
  db: Db,
  actor: Actor,
  fundId: number,
  roundId: number,
  format: "pdf" | "xlsx",
  unitId: number | undefined,
) {
  const { data, file, communeId } = await asActor(db, actor, (tx) =>
    listData(tx, actor, fundId, roundId, unitId),
  );
  const exportedBy = await logExport(db, actor, {
    print: true,
    kind: "award_recipients",
    format,
    recordCount: data.rows.length,
    filter: { fundId, roundId },
    unitId: communeId,
  });
  return { data: { ...data, exportedBy }, file };
}

export async function signatureListPdf(
  db: Db,
  actor: Actor,
  fundId: number,
  roundId: number,
  communeId?: number,
) {
  const { data, file } = await loggedListData(db, actor, fundId, roundId, "pdf", communeId);
  return { bytes: await renderSignatureList(data), name: `${file}.pdf` };
}

export async function signatureListXlsx(
  db: Db,
  actor: Actor,
  fundId: number,
  roundId: number,
  communeId?: number,
) {
  const { data, file } = await loggedListData(db, actor, fundId, roundId, "xlsx", communeId);
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const half = (left: string, right: string, style: { left?: "bold"; right?: "bold" | "italic" } = {}) => ({
    cells: [
      { text: left, span: 3, bold: style.left === "bold" },
      { text: right, span: 3, bold: style.right === "bold", italic: style.right === "italic" },
    ],
  });
  const letterhead: XlsxBlockRow[] = [
    half((data.superior ?? "").toLocaleUpperCase("vi"), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {
      right: "bold",
    }),
    half(data.issuer.toLocaleUpperCase("vi"), "Độc lập - Tự do - Hạnh phúc", { left: "bold", right: "bold" }),
    half("", data.date ? formatNd30PlaceDate(data.place, data.date) : "", { right: "italic" }),
  ];
  const spans = [2, 2, 2];
  const footer: XlsxBlockRow[] = [
    {
      cells: [{ text: `Số tiền bằng chữ: ${amountInWords(data.total)}.`, span: 6, italic: true, left: true }],
    },
    {
      cells: data.signers.map((s, i) => ({
        text: s.title.join("\n").toLocaleUpperCase("vi"),
        span: spans[i]!,
        bold: true,
      })),
      height: 30,
    },
    {
      cells: data.signers.map((_, i) => ({ text: "(Ký, ghi rõ họ tên)", span: spans[i]!, italic: true })),
      height: 60,
    },
    { cells: data.signers.map((s, i) => ({ text: s.name ?? "", span: spans[i]!, bold: true })) },
  ];
  const rows = data.rows.map((r) => [r.line, r.name, r.class, r.school, r.amount, null]);
  rows.push([null, "Tổng cộng", null, `${data.rows.length} người`, data.total, null]);
  await writeXlsx(
    stream,
    {
      name: "Danh sách ký nhận",
      letterhead,
      titleLines: ["DANH SÁCH KÝ NHẬN", data.title, ...[data.subtitle, data.note].filter((t) => t !== null)],
      columns: [
        { header: "STT", width: 6, kind: "count" },
        { header: "Họ và tên", width: 28 },
        { header: "Lớp", width: 8 },
        { header: "Trường", width: 30 },
        { header: "Số tiền (đồng)", width: 16, kind: "count" },
        { header: "Ký nhận", width: 16 },
      ],
      footer,
      exportedBy: data.exportedBy,
      bordered: true,
      rowHeight: 24,
    },
    rows,
  );
  return { bytes: Buffer.concat(chunks), name: `${file}.xlsx` };
}
