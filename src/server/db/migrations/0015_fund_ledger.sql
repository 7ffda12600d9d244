-- Learning-promotion funds (quỹ khuyến học): the role `treasurer`, funds with their accounts and purposes, and a
-- double-entry ledger the database itself keeps honest: every transaction balances (deferred constraint trigger),
-- posted rows are never updated or deleted, balances never go below zero (checked under the account's row lock),
-- postings run in date order, each transaction is chained to the previous one of its fund by a hash, and nothing
-- is posted into a closed year. docs/FUND.md explains the rules.
--
-- Funds are keyed by the unit that keeps them (`commune_id`: the commune, or the province for a provincial fund),
-- the distribution column of every fund table.

-- Roles. The full list, whichever of the association's migrations (0012–0014) ran before.
DO $$
DECLARE c record;
BEGIN
  FOR c IN SELECT conname FROM pg_constraint
           WHERE conrelid = 'role_grants'::regclass AND contype = 'c'
             AND pg_get_constraintdef(oid) LIKE '%viewer%'
  LOOP
    EXECUTE format('ALTER TABLE role_grants DROP CONSTRAINT %I', c.conname);
  END LOOP;
END $$;
ALTER TABLE role_grants ADD CONSTRAINT role_grants_role_check CHECK (role IN (
  'system_admin', 'unit_admin', 'data_entry', 'reviewer', 'viewer',
  'association_admin', 'chapter_secretary', 'treasurer'));

-- Permissions: the treasurer reads its units; `fund` keeps a fund's books (treasurer, unit and association admins),
-- `approve` approves disbursements (reviewers, unit and association admins). Every other permission stays as the
-- earlier migrations defined it (the previous function is kept under another name and asked).
ALTER FUNCTION hieuhoc_roles_for(text) RENAME TO hieuhoc_roles_before_fund;
CREATE FUNCTION hieuhoc_roles_for(permission text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE permission
    WHEN 'read' THEN hieuhoc_roles_before_fund('read') || ARRAY['treasurer']
    WHEN 'fund' THEN ARRAY['system_admin', 'unit_admin', 'association_admin', 'treasurer']
    WHEN 'approve' THEN ARRAY['system_admin', 'unit_admin', 'association_admin', 'reviewer']
    ELSE hieuhoc_roles_before_fund(permission) END
$$;

-- Row-level security with chosen permissions for insert and update (NULL: the application never updates).
CREATE FUNCTION hieuhoc_fund_policies(target regclass, insert_permissions text[], update_permissions text[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  condition text := '(SELECT hieuhoc_is_global()) OR EXISTS (SELECT 1 FROM admin_unit_paths p '
    'WHERE p.descendant_id = commune_id AND p.ancestor_id = ANY ((SELECT hieuhoc_roots(%L))::bigint[]))';
  can_insert text;
  can_update text;
BEGIN
  SELECT string_agg(format('(' || condition || ')', permission), ' OR ') INTO can_insert
  FROM unnest(insert_permissions) AS permission;
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
  EXECUTE format('CREATE POLICY scope_read ON %s FOR SELECT USING (%s)', target, format(condition, 'read'));
  EXECUTE format('CREATE POLICY scope_insert ON %s FOR INSERT WITH CHECK (%s)', target, can_insert);
  EXECUTE format('GRANT SELECT, INSERT ON %s TO hieuhoc_app', target);
  IF update_permissions IS NOT NULL THEN
    SELECT string_agg(format('(' || condition || ')', permission), ' OR ') INTO can_update
    FROM unnest(update_permissions) AS permission;
    EXECUTE format('CREATE POLICY scope_update ON %s FOR UPDATE USING (%s) WITH CHECK (%s)',
      target, can_update, can_update);
    EXECUTE format('GRANT UPDATE ON %s TO hieuhoc_app', target);
  END IF;
END $$;

CREATE TABLE funds (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  name text NOT NULL CHECK (name <> '' AND length(name) <= 200),
  -- Who keeps it: the Hội of the unit, or one of its chapters, clans or schools (the reference's id and name).
  owner_kind text NOT NULL CHECK (owner_kind IN ('association', 'chapter', 'clan', 'school')),
  owner_ref_id bigint,
  owner_name text NOT NULL CHECK (owner_name <> ''),
  -- "quỹ của hội" or "quỹ xã hội có giấy phép" (licence number and date).
  mode text NOT NULL CHECK (mode IN ('association', 'licensed')),
  licence_number text,
  licence_date date,
  -- Disbursements above this amount need two approvers (NULL: one is always enough).
  two_approvals_above bigint CHECK (two_approvals_above BETWEEN 0 AND 1000000000000000),
  -- The chain head, moved only by the posting trigger.
  head_seq bigint NOT NULL DEFAULT 0,
  head_hash text NOT NULL DEFAULT '',
  head_posted_on date,
  version integer NOT NULL DEFAULT 1,
  created_by bigint REFERENCES app_users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (commune_id, id),
  UNIQUE (commune_id, name),
  CHECK (mode = 'association' OR (licence_number IS NOT NULL AND licence_date IS NOT NULL)),
  CHECK ((owner_kind IN ('clan', 'school')) = (owner_ref_id IS NOT NULL) OR owner_kind = 'chapter')
);
-- The version counts edits of the fund, not postings (which move the chain head).
CREATE TRIGGER funds_version BEFORE UPDATE OF name, owner_name, mode, licence_number, licence_date,
  two_approvals_above ON funds FOR EACH ROW EXECUTE FUNCTION hieuhoc_bump_version();

-- Accounts of a fund, in two classes: where the value is (asset: tiền mặt, a bank account, hiện vật) and what it
-- is for (purpose: unrestricted, or restricted to a use). An asset's balance is its debits less its credits; a
-- purpose's its credits less its debits. No balance may go below zero.
CREATE TABLE fund_accounts (
  commune_id bigint NOT NULL,
  id bigserial NOT NULL,
  fund_id bigint NOT NULL,
  class text NOT NULL CHECK (class IN ('asset', 'purpose')),
  kind text NOT NULL,
  name text NOT NULL CHECK (name <> '' AND length(name) <= 200),
  bank_name text,
  account_number text,
  condition text,
  balance bigint NOT NULL DEFAULT 0 CHECK (balance >= 0),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (commune_id, id),
  UNIQUE (commune_id, fund_id, id),
  UNIQUE (commune_id, fund_id, class, name),
  FOREIGN KEY (commune_id, fund_id) REFERENCES funds (commune_id, id),
  CHECK ((class = 'asset' AND kind IN ('cash', 'bank', 'in_kind'))
      OR (class = 'purpose' AND kind IN ('unrestricted', 'restricted'))),
  CHECK (kind <> 'bank' OR account_number IS NOT NULL)
);
CREATE TRIGGER fund_accounts_version BEFORE UPDATE OF name, bank_name, account_number, condition ON fund_accounts
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_bump_version();

CREATE TABLE fund_transactions (
  commune_id bigint NOT NULL,
  id bigserial NOT NULL,
  fund_id bigint NOT NULL,
  seq bigint NOT NULL CHECK (seq > 0),
  kind text NOT NULL CHECK (kind IN ('receipt', 'disbursement', 'transfer', 'reversal')),
  posted_on date NOT NULL,
  description text NOT NULL CHECK (description <> ''),
  reverses_id bigint,
  created_by bigint REFERENCES app_users (id),
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  prev_hash text NOT NULL,
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  PRIMARY KEY (commune_id, id),
  UNIQUE (commune_id, fund_id, id),
  UNIQUE (commune_id, fund_id, seq),
  UNIQUE (commune_id, reverses_id),
  FOREIGN KEY (commune_id, fund_id) REFERENCES funds (commune_id, id),
  FOREIGN KEY (commune_id, fund_id, reverses_id) REFERENCES fund_transactions (commune_id, fund_id, id),
  CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL))
);

CREATE TABLE fund_entries (
  commune_id bigint NOT NULL,
  id bigserial NOT NULL,
  fund_id bigint NOT NULL,
  transaction_id bigint NOT NULL,
  account_id bigint NOT NULL,
  posted_on date NOT NULL,
  side text NOT NULL CHECK (side IN ('debit', 'credit')),
  amount bigint NOT NULL CHECK (amount > 0 AND amount <= 1000000000000000),
  PRIMARY KEY (commune_id, id),
  FOREIGN KEY (commune_id, fund_id, transaction_id) REFERENCES fund_transactions (commune_id, fund_id, id),
  FOREIGN KEY (commune_id, fund_id, account_id) REFERENCES fund_accounts (commune_id, fund_id, id)
);
CREATE INDEX fund_entries_transaction ON fund_entries (commune_id, transaction_id);
CREATE INDEX fund_entries_account_date ON fund_entries (commune_id, account_id, posted_on) INCLUDE (side, amount);
CREATE INDEX fund_transactions_date ON fund_transactions (commune_id, fund_id, posted_on);

-- Closed years: nothing is posted into them; the closing balances are sealed with the chain head.
CREATE TABLE fund_periods (
  commune_id bigint NOT NULL,
  fund_id bigint NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  head_seq bigint NOT NULL,
  head_hash text NOT NULL,
  balances jsonb NOT NULL,
  seal text NOT NULL,
  closed_by bigint REFERENCES app_users (id),
  closed_by_name text NOT NULL,
  closed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (commune_id, fund_id, year),
  FOREIGN KEY (commune_id, fund_id) REFERENCES funds (commune_id, id)
);

-- Posted rows are never changed: a mistake is corrected by a reversing transaction.
CREATE FUNCTION fund_ledger_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Bút toán đã ghi sổ không được sửa hoặc xóa; hãy lập bút toán đảo (%)', TG_TABLE_NAME
    USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER fund_transactions_immutable BEFORE UPDATE OR DELETE ON fund_transactions
  FOR EACH ROW EXECUTE FUNCTION fund_ledger_immutable();
CREATE TRIGGER fund_transactions_no_truncate BEFORE TRUNCATE ON fund_transactions
  FOR EACH STATEMENT EXECUTE FUNCTION fund_ledger_immutable();
CREATE TRIGGER fund_entries_immutable BEFORE UPDATE OR DELETE ON fund_entries
  FOR EACH ROW EXECUTE FUNCTION fund_ledger_immutable();
CREATE TRIGGER fund_entries_no_truncate BEFORE TRUNCATE ON fund_entries
  FOR EACH STATEMENT EXECUTE FUNCTION fund_ledger_immutable();
CREATE TRIGGER fund_periods_immutable BEFORE UPDATE OR DELETE ON fund_periods
  FOR EACH ROW EXECUTE FUNCTION fund_ledger_immutable();

-- A transaction joins the chain: the next number of its fund, the previous hash, a date not before the last
-- posting, and a year not closed. The fund's row is locked by the update, so postings of one fund queue here.
CREATE FUNCTION fund_transactions_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
DECLARE f record;
BEGIN
  SELECT head_seq, head_hash, head_posted_on INTO f FROM funds
  WHERE commune_id = NEW.commune_id AND id = NEW.fund_id FOR UPDATE;
  IF NEW.seq <> f.head_seq + 1 OR NEW.prev_hash <> f.head_hash THEN
    RAISE EXCEPTION 'Sổ quỹ vừa có bút toán khác; hãy thử lại' USING ERRCODE = 'serialization_failure';
  END IF;
  IF f.head_posted_on IS NOT NULL AND NEW.posted_on < f.head_posted_on THEN
    RAISE EXCEPTION 'Ngày ghi sổ % trước bút toán gần nhất (%): sổ quỹ ghi theo thứ tự ngày',
      to_char(NEW.posted_on, 'DD/MM/YYYY'), to_char(f.head_posted_on, 'DD/MM/YYYY')
      USING ERRCODE = 'check_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM fund_periods p WHERE p.commune_id = NEW.commune_id AND p.fund_id = NEW.fund_id
             AND p.year = extract(year FROM NEW.posted_on)) THEN
    RAISE EXCEPTION 'Năm % đã khóa sổ: không ghi thêm bút toán vào năm này', extract(year FROM NEW.posted_on)
      USING ERRCODE = 'check_violation';
  END IF;
  UPDATE funds SET head_seq = NEW.seq, head_hash = NEW.hash, head_posted_on = NEW.posted_on
  WHERE commune_id = NEW.commune_id AND id = NEW.fund_id;
  RETURN NEW;
END $$;
CREATE TRIGGER fund_transactions_chain BEFORE INSERT ON fund_transactions
  FOR EACH ROW EXECUTE FUNCTION fund_transactions_chain();

-- An entry takes its transaction's date and moves its account's balance; a balance below zero is refused.
CREATE FUNCTION fund_entries_post() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
DECLARE a record; delta bigint;
BEGIN
  SELECT posted_on INTO NEW.posted_on FROM fund_transactions
  WHERE commune_id = NEW.commune_id AND id = NEW.transaction_id;
  SELECT class, name, balance INTO a FROM fund_accounts
  WHERE commune_id = NEW.commune_id AND id = NEW.account_id FOR UPDATE;
  delta := CASE WHEN (a.class = 'asset') = (NEW.side = 'debit') THEN NEW.amount ELSE -NEW.amount END;
  IF a.balance + delta < 0 THEN
    RAISE EXCEPTION 'Khoản "%" không đủ số dư: còn % đồng, cần %', a.name, a.balance, -delta
      USING ERRCODE = 'check_violation';
  END IF;
  UPDATE fund_accounts SET balance = balance + delta
  WHERE commune_id = NEW.commune_id AND id = NEW.account_id;
  RETURN NEW;
END $$;
CREATE TRIGGER fund_entries_post BEFORE INSERT ON fund_entries
  FOR EACH ROW EXECUTE FUNCTION fund_entries_post();

-- Debits equal credits, checked at commit, when all of a transaction's entries are in.
CREATE FUNCTION fund_transactions_balanced() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
DECLARE debits numeric; credits numeric; n integer;
BEGIN
  SELECT coalesce(sum(amount) FILTER (WHERE side = 'debit'), 0), coalesce(sum(amount) FILTER (WHERE side = 'credit'), 0),
    count(*) INTO debits, credits, n
  FROM fund_entries WHERE commune_id = NEW.commune_id AND transaction_id = NEW.id;
  IF n < 2 OR debits <> credits THEN
    RAISE EXCEPTION 'Bút toán % không cân: nợ % đồng, có % đồng', NEW.seq, debits, credits
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER fund_transactions_balanced AFTER INSERT ON fund_transactions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fund_transactions_balanced();

SELECT hieuhoc_fund_policies('funds', ARRAY['fund'], ARRAY['fund']);
SELECT hieuhoc_fund_policies('fund_accounts', ARRAY['fund'], ARRAY['fund']);
SELECT hieuhoc_fund_policies('fund_transactions', ARRAY['fund'], NULL);
SELECT hieuhoc_fund_policies('fund_entries', ARRAY['fund'], NULL);
SELECT hieuhoc_fund_policies('fund_periods', ARRAY['fund'], NULL);
-- The chain head and the balances move only through the posting triggers.
REVOKE UPDATE ON funds, fund_accounts FROM hieuhoc_app;
GRANT UPDATE (name, owner_name, mode, licence_number, licence_date, two_approvals_above) ON funds TO hieuhoc_app;
GRANT UPDATE (name, bank_name, account_number, condition) ON fund_accounts TO hieuhoc_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO hieuhoc_app;
