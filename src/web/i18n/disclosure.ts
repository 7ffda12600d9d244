/** Catalogue of a fund's public disclosure page (merged into messages.ts). */

export const disclosureVi = {
  "disclosure.title": "Công khai thu – chi năm {year}",
  "disclosure.licence": "giấy phép số {number}",
  "disclosure.opening": "Tồn đầu năm",
  "disclosure.income": "Thu trong năm",
  "disclosure.spending": "Chi trong năm",
  "disclosure.closing": "Tồn cuối năm",
  "disclosure.byDonor": "Thu theo nhà hảo tâm",
  "disclosure.byPurpose": "Chi theo mục đích",
  "disclosure.byRecipient": "Chi theo người nhận",
  "disclosure.recipient": "Người nhận",
  "disclosure.minorsMasked": "Trẻ em chỉ ghi chữ cái đầu của họ tên, trường và lớp.",
  "disclosure.chain": "Chuỗi băm",
  "disclosure.headSeq": "Bút toán cuối năm",
  "disclosure.publishedBy": "Công khai",
  "disclosure.chainHint":
    "Mỗi bút toán của quỹ mang mã băm của chính nó và của bút toán trước. Nếu một số liệu đã công khai bị sửa, đầu chuỗi sẽ khác.",
  "disclosure.json": "Tải dữ liệu (JSON)",
  "disclosure.csv": "Tải bảng (CSV)",
};

export const disclosureEn: Record<keyof typeof disclosureVi, string> = {
  "disclosure.title": "Income and spending of {year}",
  "disclosure.licence": "licence {number}",
  "disclosure.opening": "Opening balance",
  "disclosure.income": "Income",
  "disclosure.spending": "Spending",
  "disclosure.closing": "Closing balance",
  "disclosure.byDonor": "Income by donor",
  "disclosure.byPurpose": "Spending by purpose",
  "disclosure.byRecipient": "Spending by recipient",
  "disclosure.recipient": "Recipient",
  "disclosure.minorsMasked": "Minors are shown by their initials, school and class only.",
  "disclosure.chain": "Hash chain",
  "disclosure.headSeq": "Last transaction of the year",
  "disclosure.publishedBy": "Published",
  "disclosure.chainHint":
    "Each transaction of the fund carries its own hash and the previous one's. Were a published figure changed, the chain head would differ.",
  "disclosure.json": "Download the data (JSON)",
  "disclosure.csv": "Download the table (CSV)",
};
