/**
 * Creating a fund: its name, who keeps it (the Hội, a chapter, a clan or a school of the commune), its mode (the
 * Hội's own, or a licensed social fund with the licence's number and date), the amount above which two people
 * approve, its money accounts (cash, bank accounts, in kind) and its purposes (unrestricted or restricted).
 */
import { Flex, Form, Input, Modal, Radio, Select } from "antd";
import type { Dayjs } from "dayjs";
import type { FundCreate, FundDetail } from "../../../shared/fund";
import { fundOwnerKinds } from "../../../shared/fund";
import { clans, organizations } from "../../../shared/registry/kinds";
import { fundApi } from "../../api/fund";
import { registryApi } from "../../api/registries";
import { useT } from "../../i18n/messages";
import { useSubmit } from "../useSubmit";
import { AccountList, BankFields } from "./AccountList";
import { DateInput, isoOf, MoneyInput, useLoaded } from "./common";

type AccountRow = {
  kind: "cash" | "bank" | "in_kind";
  name: string;
  bankName?: string;
  accountNumber?: string;
};
type PurposeRow = { kind: "unrestricted" | "restricted"; name: string; condition?: string };
type Values = {
  name: string;
  ownerKind: FundCreate["ownerKind"];
  ownerRefId?: number;
  ownerName?: string;
  mode: FundCreate["mode"];
  licenceNumber?: string;
  licenceDate?: Dayjs;
  twoApprovalsAbove?: number | null;
  accounts: AccountRow[];
  purposes: PurposeRow[];
};

/** The clans or the schools of the commune, for a fund kept by one of them. */
function useOwners(unitId: number, kind: Values["ownerKind"]) {
  const { data } = useLoaded(`${unitId}-${kind}`, async () => {
    if (kind === "clan") return (await registryApi(clans).list({ unitId, limit: 500 })).items;
    if (kind !== "school") return [];
    const page = await registryApi(organizations).list({ unitId, limit: 500 });
    return page.items.filter((item) => item.kind === "school");
  });
  return (data ?? []).map((item) => ({ value: item.id, label: String(item.name) }));
}

export function FundCreateDialog({
  unitId,
  onClose,
  onCreated,
}: {
  unitId: number;
  onClose: () => void;
  onCreated: (fund: FundDetail) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const { busy, run } = useSubmit();
  const ownerKind = Form.useWatch("ownerKind", form) ?? "association";
  const mode = Form.useWatch("mode", form) ?? "association";
  const owners = useOwners(unitId, ownerKind);

  const submit = async (v: Values) => {
    const result: { fund?: FundDetail } = {};
    const body: FundCreate = {
      unitId,
      name: v.name,
      ownerKind: v.ownerKind,
      ownerRefId: v.ownerKind === "clan" || v.ownerKind === "school" ? (v.ownerRefId ?? null) : null,
      ownerName: v.ownerName?.trim() || null,
      mode: v.mode,
      licenceNumber: v.mode === "licensed" ? (v.licenceNumber ?? null) : null,
      licenceDate: v.mode === "licensed" && v.licenceDate ? isoOf(v.licenceDate) : null,
      twoApprovalsAbove: v.twoApprovalsAbove ?? null,
      accounts: v.accounts.map((a) => ({
        kind: a.kind,
        name: a.name,
        bankName: a.kind === "bank" ? (a.bankName ?? null) : null,
        accountNumber: a.kind === "bank" ? (a.accountNumber ?? null) : null,
      })),
      purposes: v.purposes.map((p) => ({ kind: p.kind, name: p.name, condition: p.condition ?? null })),
    };
    const ok = await run(
      form,
      async () => {
        result.fund = await fundApi.create(body);
      },
      t("fund.created", { name: v.name }),
    );
    if (ok && result.fund) onCreated(result.fund);
  };

  const required = (key: Parameters<typeof t>[0]) => [{ required: true, whitespace: true, message: t(key) }];
  return (
    <Modal
      open
      title={t("fund.create")}
      okText={t("fund.create")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ "data-testid": "fund-create-ok" } as { "data-testid": string }}
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        data-testid="fund-create-form"
        initialValues={{
          ownerKind: "association",
          mode: "association",
          accounts: [{ kind: "cash", name: t("fund.defaultCash") }],
          purposes: [{ kind: "unrestricted", name: t("fund.defaultPurpose") }],
        }}
      >
        <Form.Item name="name" label={t("fund.name")} rules={required("fund.nameRequired")}>
          <Input maxLength={200} placeholder={t("fund.namePlaceholder")} data-testid="fund-name" />
        </Form.Item>
        <Form.Item name="ownerKind" label={t("fund.ownerKind")}>
          <Select options={fundOwnerKinds.map((k) => ({ value: k, label: t(`fund.owner.${k}`) }))} />
        </Form.Item>
        {(ownerKind === "clan" || ownerKind === "school") && (
          <Form.Item
            name="ownerRefId"
            label={t(`fund.owner.${ownerKind}`)}
            rules={[{ required: true, message: t("fund.ownerRequired") }]}
          >
            <Select options={owners} showSearch={{ optionFilterProp: "label" }} />
          </Form.Item>
        )}
        {(ownerKind === "association" || ownerKind === "chapter") && (
          <Form.Item
            name="ownerName"
            label={t("fund.ownerName")}
            extra={ownerKind === "association" ? t("fund.ownerNameHint") : undefined}
            rules={ownerKind === "chapter" ? required("fund.ownerRequired") : []}
          >
            <Input maxLength={200} />
          </Form.Item>
        )}
        <Form.Item name="mode" label={t("fund.mode")}>
          <Radio.Group
            options={[
              { value: "association", label: t("fund.mode.association") },
              { value: "licensed", label: t("fund.mode.licensed") },
            ]}
          />
        </Form.Item>
        {mode === "licensed" && (
          <Flex gap={12} wrap>
            <Form.Item
              name="licenceNumber"
              label={t("fund.licenceNumber")}
              rules={required("fund.licenceRequired")}
              style={{ flex: "1 1 200px" }}
            >
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              name="licenceDate"
              label={t("fund.licenceDate")}
              rules={[{ required: true, message: t("fund.licenceRequired") }]}
              style={{ flex: "1 1 160px" }}
            >
              <DateInput />
            </Form.Item>
          </Flex>
        )}
        <Form.Item
          name="twoApprovalsAbove"
          label={t("fund.twoApprovalsAbove")}
          extra={t("fund.twoApprovalsHint")}
        >
          <MoneyInput />
        </Form.Item>
        <AccountList
          list="accounts"
          kinds={["cash", "bank", "in_kind"]}
          added={{ kind: "bank", name: "" }}
          extra={(field) => (
            <Form.Item noStyle shouldUpdate>
              {() =>
                form.getFieldValue(["accounts", field, "kind"]) === "bank" && <BankFields field={field} />
              }
            </Form.Item>
          )}
        />
        <AccountList
          list="purposes"
          kinds={["unrestricted", "restricted"]}
          added={{ kind: "restricted", name: "" }}
          extra={(field) => (
            <Form.Item name={[field, "condition"]} style={{ flex: "1 1 100%" }}>
              <Input maxLength={1000} placeholder={t("fund.condition")} aria-label={t("fund.condition")} />
            </Form.Item>
          )}
        />
      </Form>
    </Modal>
  );
}
