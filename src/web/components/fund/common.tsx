/**
 * What the fund's page and its parts share: the loaded fund with the caller's permissions on its commune, the amount
 * field (integer đồng, typed and shown with dots, never a float), the date field, and the dialog every action of
 * the page opens (a form, the request, the server's message on failure, the page reloaded on success).
 */
import { DatePicker, Form, type FormInstance, InputNumber, Modal } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { type ReactNode, useEffect, useState } from "react";
import type { Me } from "../../../shared/api";
import type { Can } from "../../../shared/capabilities";
import type { FundAccount, FundDetail } from "../../../shared/fund";
import { errorText } from "../../errors";
import { groupDigits, parseMoney, todayIso } from "../../format";
import { useT } from "../../i18n/messages";
import type { PlacedUnit } from "../Capability";
import { useSubmit } from "../useSubmit";

export const MAX_AMOUNT = 1_000_000_000_000_000;

/** The fund as loaded, with who is looking at it and the year its lists show. */
export type FundContext = {
  fund: FundDetail;
  /** The caller's permissions on the fund's commune. */
  can: Can;
  place: PlacedUnit;
  me: Me;
  year: number;
  /** Reloads the fund and its lists (after an action). */
  changed: () => void;
  /** Grows with every reload: the lists load again when it changes. */
  version: number;
};

/**
 * Data of one fund's list, loaded again when `key` changes (the fund, the year, the version); what was loaded for
 * another key is never shown.
 */
export function useLoaded<T>(key: string, load: () => Promise<T>): { data: T | null; error: string | null } {
  const t = useT();
  const [state, setState] = useState<{ key: string; data: T | null; error: string | null } | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names everything `load` reads.
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ key, data, error: null }),
      (err: unknown) => live && setState({ key, data: null, error: errorText(err, t) }),
    );
    return () => {
      live = false;
    };
  }, [key, t]);
  return state?.key === key ? state : { data: null, error: null };
}

export const assetAccounts = (fund: FundDetail) => fund.accounts.filter((a) => a.class === "asset");
export const purposeAccounts = (fund: FundDetail) => fund.accounts.filter((a) => a.class === "purpose");

/** Account id → name, for entries and lines. */
export function accountNames(fund: FundDetail): Map<number, string> {
  return new Map(fund.accounts.map((a) => [a.id, a.name]));
}

export const accountOptions = (accounts: FundAccount[]) =>
  accounts.map((a) => ({ value: a.id, label: a.name }));

/** An amount of đồng: digits only, dots between thousands as the user types, at most 10^15. */
export function MoneyInput(props: {
  value?: number | null;
  onChange?: (value: number | null) => void;
  id?: string;
  "data-testid"?: string;
  "aria-label"?: string;
}) {
  return (
    <InputNumber<number>
      {...props}
      min={0}
      max={MAX_AMOUNT}
      precision={0}
      step={100_000}
      inputMode="numeric"
      formatter={(value) =>
        value === undefined || value === null || `${value}` === "" ? "" : groupDigits(Number(value))
      }
      // The digits as text: rc-input-number reads "" as no value (parseMoney would give null).
      parser={(text) => String(parseMoney(text) ?? "") as unknown as number}
      suffix="đ"
      style={{ width: "100%" }}
    />
  );
}

/** The rules of an amount field: given, a whole positive number of đồng. */
export function useAmountRules() {
  const t = useT();
  return [
    { required: true, message: t("fund.amountRequired") },
    {
      validator: (_: unknown, value: number | null | undefined) =>
        value === null || value === undefined || (Number.isInteger(value) && value > 0)
          ? Promise.resolve()
          : Promise.reject(new Error(t("fund.amountPositive"))),
    },
  ];
}

export function DateInput(props: { value?: Dayjs; onChange?: (value: Dayjs | null) => void; id?: string }) {
  return (
    <DatePicker {...props} format="DD/MM/YYYY" allowClear={false} style={{ width: "100%", minWidth: 150 }} />
  );
}

export const isoOf = (day: Dayjs) => day.format("YYYY-MM-DD");
export const today = () => dayjs(todayIso());

/**
 * A dialog with a form: "OK" submits, the request runs, the server's message (or its field errors) shows on
 * failure; on success the dialog closes and the page reloads. A caller that watches or sets fields passes its
 * `form` (Form.useForm), which the dialog's form then is.
 */
export function ActionDialog<V extends object>({
  title,
  okText,
  done,
  initialValues,
  onSubmit,
  onClose,
  context,
  testId,
  children,
  form: given,
}: {
  title: string;
  okText?: string;
  /** The message shown once it worked. */
  done: string;
  initialValues?: Partial<V>;
  onSubmit: (values: V) => Promise<unknown>;
  onClose: () => void;
  context: Pick<FundContext, "changed">;
  testId: string;
  children: ReactNode;
  form?: FormInstance<V>;
}) {
  const t = useT();
  const [form] = Form.useForm<V>(given);
  const { busy, run } = useSubmit();
  const submit = async (values: V) => {
    if (await run(form, () => onSubmit(values), done)) {
      onClose();
      context.changed();
    }
  };
  return (
    <Modal
      open
      title={title}
      okText={okText ?? t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ "data-testid": `${testId}-ok` } as { "data-testid": string }}
      destroyOnHidden
    >
      <Form<V>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={initialValues as V}
        data-testid={testId}
      >
        {children}
      </Form>
    </Modal>
  );
}
