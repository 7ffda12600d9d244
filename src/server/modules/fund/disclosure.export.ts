/**
 * A published disclosure as CSV: one table, a section per row group (thu – chi – tồn, receipts by donor,
 * disbursements by purpose and by recipient, the chain), so that a spreadsheet sorts and sums it as it is. The same
 * figures as the JSON, minors as masked there; UTF-8 with BOM, ";", CRLF (writeCsv, docs/IMPORT.md).
 */
import type { DisclosureSnapshot } from "../../../shared/fund";
import { type CsvCell, writeCsv } from "../../lib/csv";

export const disclosureCsvHeader = [
  "Phần",
  "Số phiếu chi",
  "Nội dung",
  "Trường",
  "Lớp",
  "Mục đích",
  "Số tiền (đồng)",
];

export function disclosureCsv(d: DisclosureSnapshot): string {
  const summary = (label: string, amount: number): CsvCell[] => [
    "Tổng hợp",
    null,
    label,
    null,
    null,
    null,
    amount,
  ];
  return writeCsv([
    disclosureCsvHeader,
    summary("Tồn đầu năm", d.openingBalance),
    summary("Thu trong năm", d.income),
    summary("Chi trong năm", d.spending),
    summary("Tồn cuối năm", d.closingBalance),
    ...d.receiptsByDonor.map((r) => ["Thu theo nhà hảo tâm", null, r.donor, null, null, null, r.amount]),
    ...d.disbursementsByPurpose.map((p) => [
      "Chi theo mục đích",
      null,
      null,
      null,
      null,
      p.purpose,
      p.amount,
    ]),
    ...d.disbursements.map((x) => [
      "Chi theo người nhận",
      x.voucher,
      x.recipient,
      x.school,
      x.class,
      x.purpose,
      x.amount,
    ]),
    [
      "Chuỗi băm",
      null,
      `Đầu chuỗi (bút toán số ${d.chain.headSeq}): ${d.chain.headHash}`,
      null,
      null,
      null,
      null,
    ],
    ["Chuỗi băm", null, `Niêm phong năm ${d.year}: ${d.chain.seal}`, null, null, null, null],
  ]);
}

export const disclosureFileName = (d: DisclosureSnapshot, extension: string) =>
  `cong-khai-quy-${d.fund.id}-${d.year}.${extension}`;
