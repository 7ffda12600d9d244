/** Tables of the learning-promotion funds (migrations 0015–0017, 0021). Money columns are bigint đồng, read as safe integers. */
import type { ColumnType, Generated } from "kysely";
import type { IsoDate } from "./schema";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type FundOwnerKind = "association" | "chapter" | "clan" | "school";
export type FundMode = "association" | "licensed";
export type FundAccountClass = "asset" | "purpose";
export type FundAccountKind = "cash" | "bank" | "in_kind" | "unrestricted" | "restricted";
export type FundTransactionKind = "receipt" | "disbursement" | "transfer" | "reversal";
export type DisbursementState = "proposed" | "approved" | "paid" | "rejected" | "voided";
export type BeneficiaryKind = "student" | "teacher" | "family" | "clan" | "other";

export type FundTable = {
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  name: string;
  owner_kind: FundOwnerKind;
  owner_ref_id: number | null;
  owner_name: string;
  mode: FundMode;
  licence_number: string | null;
  licence_date: IsoDate | null;
  two_approvals_above: number | null;
  head_seq: ColumnType<number, never, never>;
  head_hash: ColumnType<string, never, never>;
  head_posted_on: ColumnType<IsoDate | null, never, never>;
  version: Generated<number>;
  created_by: number | null;
  created_at: Generated<Date>;
};

export type FundAccountTable = {
  commune_id: number;
  id: Generated<number>;
  fund_id: number;
  class: FundAccountClass;
  kind: FundAccountKind;
  name: string;
  bank_name: string | null;
  account_number: string | null;
  condition: string | null;
  balance: ColumnType<number, never, never>;
  version: Generated<number>;
  created_at: Generated<Date>;
};

export type FundTransactionTable = {
  commune_id: number;
  id: Generated<number>;
  fund_id: number;
  seq: number;
  kind: FundTransactionKind;
  posted_on: IsoDate;
  description: string;
  reverses_id: number | null;
  created_by: number | null;
  created_by_name: string;
  created_at: Generated<Date>;
  prev_hash: string;
  hash: string;
};

export type FundEntryTable = {
  commune_id: number;
  id: Generated<number>;
  fund_id: number;
  transaction_id: number;
  account_id: number;
  /** Set by the database from the transaction. */
  posted_on: ColumnType<IsoDate, IsoDate | undefined, never>;
  side: "debit" | "credit";
  amount: number;
};

export type FundPeriodTable = {
  commune_id: number;
  fund_id: number;
  year: number;
  head_seq: number;
  head_hash: string;
  balances: ColumnType<unknown, string, never>;
  seal: string;
  closed_by: number | null;
  closed_by_name: string;
  closed_at: Generated<Date>;
};

export type FundDonorTable = {
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  code: string;
  name: string;
  kind: "person" | "organization";
  address: string | null;
  phone: string | null;
  search_name: ColumnType<string, never, never>;
  archived_at: Timestamp | null;
  version: Generated<number>;
};

export type FundBeneficiaryTable = {
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  unit_id: number;
  code: string;
  kind: Generated<BeneficiaryKind>;
  full_name: string;
  sex: "male" | "female" | null;
  birth_year: number | null;
  school: string | null;
  class: string | null;
  household_id: number | null;
  guardian_phone: string | null;
  search_name: ColumnType<string, never, never>;
  archived_at: Timestamp | null;
  archived_reason: "finished" | "moved" | "mistake" | null;
  version: Generated<number>;
};

export type FundReceiptTable = {
  commune_id: number;
  id: Generated<number>;
  fund_id: number;
  year: number;
  number: number;
  transaction_id: number;
  received_on: IsoDate;
  donor_id: number | null;
  donor_kind: "person" | "organization";
  donor_name: string;
  donor_address: string | null;
  anonymous: boolean;
  in_kind_description: string | null;
  payer_name: string | null;
  reason: string;
  amount: number;
  asset_account_id: number;
  purpose_account_id: number;
  created_by: number | null;
  created_by_name: string;
  created_at: Generated<Date>;
};

export type FundDisbursementTable = {
  commune_id: number;
  id: Generated<number>;
  fund_id: number;
  state: Generated<DisbursementState>;
  amount: number;
  asset_account_id: number;
  purpose_account_id: number;
  beneficiary_kind: BeneficiaryKind;
  /** The beneficiary of the list it was proposed for (its kind, name, school and class copied then). */
  beneficiary_id: number | null;
  beneficiary_name: string;
  beneficiary_minor: boolean;
  beneficiary_school: string | null;
  beneficiary_class: string | null;
  recipient_name: string | null;
  reason: string;
  approvals_needed: number;
  proposed_by: number;
  proposed_by_name: string;
  proposed_at: Generated<Date>;
  closed_by: number | null;
  closed_by_name: string | null;
  closed_reason: string | null;
  paid_by: number | null;
  paid_by_name: string | null;
  paid_on: IsoDate | null;
  year: number | null;
  number: number | null;
  transaction_id: number | null;
  version: Generated<number>;
};

export type FundDisbursementApprovalTable = {
  commune_id: number;
  disbursement_id: number;
  approver_id: number;
  approver_name: string;
  approved_at: Generated<Date>;
};

export type FundDisclosureTable = {
  commune_id: number;
  fund_id: number;
  year: number;
  snapshot: ColumnType<unknown, string, never>;
  published_by: number | null;
  published_by_name: string;
  published_at: Generated<Date>;
};

export type AwardRoundState = "draft" | "approved" | "paid" | "cancelled";
export type AwardRecipientKind = "student" | "teacher" | "family";

export type FundAwardRoundTable = {
  commune_id: number;
  id: Generated<number>;
  fund_id: number;
  name: string;
  school_year: number;
  decision_number: string | null;
  decision_date: IsoDate | null;
  signer_title: Generated<string>;
  signer_name: string | null;
  purpose_account_id: number;
  asset_account_id: number;
  state: Generated<AwardRoundState>;
  recipient_count: Generated<number>;
  total: Generated<number>;
  list_hash: Generated<string>;
  list_by: number | null;
  list_by_name: string | null;
  list_at: Timestamp | null;
  approvals_needed: Generated<number>;
  proposed_by: number;
  proposed_by_name: string;
  proposed_at: Generated<Date>;
  closed_by: number | null;
  closed_by_name: string | null;
  closed_reason: string | null;
  paid_by: number | null;
  paid_by_name: string | null;
  paid_on: IsoDate | null;
  year: number | null;
  number: number | null;
  transaction_id: number | null;
  version: Generated<number>;
};

export type FundAwardRecipientTable = {
  commune_id: number;
  id: Generated<number>;
  fund_id: number;
  round_id: number;
  line: number;
  kind: AwardRecipientKind;
  full_name: string;
  sex: "male" | "female" | null;
  birth_year: number | null;
  school: string | null;
  class: string | null;
  household_id: number | null;
  household_code: string | null;
  village_id: number | null;
  village_name: string | null;
  amount: number;
  note: string | null;
  as_of_year: number;
  /** Generated from the kind, the birth year and the school year. */
  minor: ColumnType<boolean, never, never>;
};

export type FundAwardRoundApprovalTable = {
  commune_id: number;
  round_id: number;
  approver_id: number;
  approver_name: string;
  approved_at: Generated<Date>;
};

export type FundTables = {
  fund_award_rounds: FundAwardRoundTable;
  fund_award_recipients: FundAwardRecipientTable;
  fund_award_round_approvals: FundAwardRoundApprovalTable;
  fund_disclosures: FundDisclosureTable;
  funds: FundTable;
  fund_accounts: FundAccountTable;
  fund_transactions: FundTransactionTable;
  fund_entries: FundEntryTable;
  fund_periods: FundPeriodTable;
  fund_donors: FundDonorTable;
  fund_beneficiaries: FundBeneficiaryTable;
  fund_receipts: FundReceiptTable;
  fund_disbursements: FundDisbursementTable;
  fund_disbursement_approvals: FundDisbursementApprovalTable;
};
