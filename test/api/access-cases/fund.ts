/**
 * Access cases of the learning-promotion fund (Quỹ khuyến học): donors, beneficiaries, funds with their receipts and
 * disbursements, and award rounds, aimed at a fund of Phường Sài Gòn kept by TP.HCM's admin. Their tables are
 * fingerprinted with the matrix's own (test/api/access.test.ts).
 */
import { createTestFund } from "../../helpers/fund";
import type { CaseModule } from "./types";

export const fundCases: CaseModule = {
  tables: [],
  async addCases({ t, hcm, hcmProvince, ward, villages, add }) {
    // A fund of the HCM ward, with a receipt and a proposed disbursement, kept by the HCM admin.
    const hcmFund = await createTestFund(hcm, ward);
    const receiptBody = {
      receivedOn: "2026-01-02",
      donorName: "Nhà hảo tâm",
      reason: "Ủng hộ",
      amount: 5_000_000,
      assetAccountId: hcmFund.cash,
      purposeAccountId: hcmFund.poor,
    };
    const hcmReceipt = (await hcm.post(`/api/v1/funds/${hcmFund.id}/receipts`, receiptBody)).body.receipt;
    const disbursementBody = {
      amount: 1_000_000,
      assetAccountId: hcmFund.cash,
      purposeAccountId: hcmFund.poor,
      beneficiaryKind: "student",
      beneficiaryName: "Nguyễn Văn Em",
      beneficiaryMinor: true,
      reason: "Học bổng",
    };
    const hcmDisbursement = (await hcm.post(`/api/v1/funds/${hcmFund.id}/disbursements`, disbursementBody))
      .body.disbursement;
    const donor = await t.db
      .insertInto("fund_donors")
      .values({
        commune_id: ward,
        province_id: hcmProvince,
        code: "0001",
        name: "Công ty Sài Gòn",
        kind: "organization",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    add("GET /donors", { kind: "target", path: `/donors?unitId=${ward}` });
    add("GET /donors/template.xlsx", { kind: "own", reason: "an empty template, no data" });
    add("GET /donors/export.xlsx", { kind: "target", path: `/donors/export.xlsx?unitId=${ward}` });
    add("GET /donors/{id}", { kind: "target", path: `/donors/${donor.id}` });
    add("POST /donors", { kind: "target", path: "/donors", body: { communeId: ward, name: "Người Ngoài" } });
    add("PATCH /donors/{id}", {
      kind: "target",
      path: `/donors/${donor.id}`,
      body: { name: "Ngoài", version: 1 },
    });
    add("POST /donors/{id}/archive", { kind: "target", path: `/donors/${donor.id}/archive` });
    add("POST /units/{id}/donors/import", {
      kind: "target",
      path: `/units/${ward}/donors/import?dryRun=0`,
      form: true,
    });
    const beneficiary = await t.db
      .insertInto("fund_beneficiaries")
      .values({
        commune_id: ward,
        province_id: hcmProvince,
        unit_id: villages[0]!.id,
        code: "0001",
        full_name: "Nguyễn Văn Em",
        birth_year: 2014,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    add("GET /beneficiaries", { kind: "target", path: `/beneficiaries?unitId=${ward}` });
    add("GET /beneficiaries/template.xlsx", { kind: "own", reason: "an empty template, no data" });
    add("GET /beneficiaries/export.xlsx", {
      kind: "target",
      path: `/beneficiaries/export.xlsx?unitId=${ward}`,
    });
    add("GET /beneficiaries/{id}", { kind: "target", path: `/beneficiaries/${beneficiary.id}` });
    add("POST /beneficiaries", {
      kind: "target",
      path: "/beneficiaries",
      body: { unitId: villages[0]!.id, fullName: "Người Ngoài" },
    });
    add("PATCH /beneficiaries/{id}", {
      kind: "target",
      path: `/beneficiaries/${beneficiary.id}`,
      body: { class: "9A", version: 1 },
    });
    add("POST /beneficiaries/{id}/archive", {
      kind: "target",
      path: `/beneficiaries/${beneficiary.id}/archive`,
      body: { reason: "finished" },
    });
    add("POST /units/{id}/beneficiaries/import", {
      kind: "target",
      path: `/units/${ward}/beneficiaries/import?dryRun=0`,
      form: true,
    });
    const fundPath = `/funds/${hcmFund.id}`;
    const disbursementPath = `${fundPath}/disbursements/${hcmDisbursement.id}`;
    add("GET /funds", { kind: "target", path: `/funds?unitId=${ward}` });
    add("POST /funds", {
      kind: "target",
      path: "/funds",
      body: { unitId: ward, name: "Quỹ ngoài", ownerKind: "association", mode: "association" },
    });
    add("GET /funds/{id}", { kind: "target", path: fundPath });
    add("GET /funds/{id}/transactions", { kind: "target", path: `${fundPath}/transactions` });
    add("GET /funds/{id}/receipts", { kind: "target", path: `${fundPath}/receipts` });
    add("POST /funds/{id}/receipts", { kind: "target", path: `${fundPath}/receipts`, body: receiptBody });
    add("POST /funds/{id}/transfers", {
      kind: "target",
      path: `${fundPath}/transfers`,
      body: {
        postedOn: "2026-01-03",
        fromAccountId: hcmFund.cash,
        toAccountId: hcmFund.bank,
        amount: 1000,
        description: "Nộp",
      },
    });
    add("POST /funds/{id}/transactions/{transactionId}/reverse", {
      kind: "target",
      path: `${fundPath}/transactions/${hcmReceipt.transactionId}/reverse`,
      body: { postedOn: "2026-01-03", reason: "Đảo" },
    });
    add("POST /funds/{id}/periods/{year}/close", { kind: "target", path: `${fundPath}/periods/2025/close` });
    add("GET /funds/{id}/receipts/{receiptId}/voucher.pdf", {
      kind: "target",
      path: `${fundPath}/receipts/${hcmReceipt.id}/voucher.pdf`,
    });
    add("GET /funds/{id}/disbursements/{disbursementId}/voucher.pdf", {
      kind: "target",
      path: `${disbursementPath}/voucher.pdf`,
    });
    add("POST /funds/{id}/disclosures/{year}/publish", {
      kind: "target",
      path: `${fundPath}/disclosures/2025/publish`,
    });
    add("GET /public/funds/{id}/disclosures/{year}", { kind: "public" });
    add("GET /public/funds/{id}/disclosures/{year}/disclosure.csv", { kind: "public" });
    add("GET /funds/{id}/accounts/{accountId}/book.xlsx", {
      kind: "target",
      path: `${fundPath}/accounts/${hcmFund.cash}/book.xlsx?year=2026`,
    });
    add("GET /funds/{id}/verify", { kind: "target", path: `${fundPath}/verify` });
    add("GET /funds/{id}/disbursements", { kind: "target", path: `${fundPath}/disbursements` });
    add("POST /funds/{id}/disbursements", {
      kind: "target",
      path: `${fundPath}/disbursements`,
      body: disbursementBody,
    });
    add("POST /funds/{id}/disbursements/{disbursementId}/approve", {
      kind: "target",
      path: `${disbursementPath}/approve`,
    });
    add("POST /funds/{id}/disbursements/{disbursementId}/reject", {
      kind: "target",
      path: `${disbursementPath}/reject`,
      body: { reason: "Không" },
    });
    add("POST /funds/{id}/disbursements/{disbursementId}/void", {
      kind: "target",
      path: `${disbursementPath}/void`,
      body: { reason: "Không" },
    });
    add("POST /funds/{id}/disbursements/{disbursementId}/pay", {
      kind: "target",
      path: `${disbursementPath}/pay`,
      body: { paidOn: "2026-01-04" },
    });
    // An award round of the HCM fund (a draft without recipients: every route is refused before its state matters).
    const roundBody = {
      name: "Lễ trao học bổng",
      schoolYear: "2026–2027",
      purposeAccountId: hcmFund.poor,
      assetAccountId: hcmFund.cash,
    };
    const hcmRound = (await hcm.post(`/api/v1${fundPath}/award-rounds`, roundBody)).body.awardRound;
    const rounds = `${fundPath}/award-rounds`;
    const roundPath = `${rounds}/${hcmRound.id}`;
    add("GET /funds/{id}/award-rounds", { kind: "target", path: rounds });
    add("POST /funds/{id}/award-rounds", { kind: "target", path: rounds, body: roundBody });
    add("GET /funds/{id}/award-rounds/template.xlsx", { kind: "target", path: `${rounds}/template.xlsx` });
    add("GET /funds/{id}/award-rounds/{roundId}", { kind: "target", path: roundPath });
    add("PATCH /funds/{id}/award-rounds/{roundId}", {
      kind: "target",
      path: roundPath,
      body: { name: "Ngoài", version: hcmRound.version },
    });
    add("POST /funds/{id}/award-rounds/{roundId}/recipients/import", {
      kind: "target",
      path: `${roundPath}/recipients/import?dryRun=0`,
      form: true,
    });
    add("POST /funds/{id}/award-rounds/{roundId}/approve", { kind: "target", path: `${roundPath}/approve` });
    add("POST /funds/{id}/award-rounds/{roundId}/pay", {
      kind: "target",
      path: `${roundPath}/pay`,
      body: { paidOn: "2026-01-05" },
    });
    add("POST /funds/{id}/award-rounds/{roundId}/cancel", {
      kind: "target",
      path: `${roundPath}/cancel`,
      body: { reason: "Ngoài" },
    });
    for (const extension of ["xlsx", "pdf"])
      add(`GET /funds/{id}/award-rounds/{roundId}/signature-list.${extension}`, {
        kind: "target",
        path: `${roundPath}/signature-list.${extension}`,
      });
    add("GET /funds/{id}/award-rounds/{roundId}/voucher.pdf", {
      kind: "target",
      path: `${roundPath}/voucher.pdf`,
    });
  },
};
