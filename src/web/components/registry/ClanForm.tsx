import { Form, Input, Modal, Select } from "antd";
import { useEffect, useState } from "react";
import type { Clan } from "../../../shared/clans";
import { foldText } from "../../../shared/text";
import { householdApi } from "../../api/households";
import { clanApi } from "../../api/registries";
import { errorText } from "../../errors";
import { useT } from "../../i18n/messages";
import { useSubmit } from "../useSubmit";
import type { RegistryFormProps } from "./RegistryPage";

type Values = { name: string; headName: string; householdIds: number[] };
type Option = { value: number; label: string; search: string };

const PAGE = 500;
const MAX_PAGES = 40;

/** The households of the commune to choose members from (all pages, up to 20 000). */
function useHouseholdOptions(communeId: number) {
  const t = useT();
  const [state, setState] = useState<{ options: Option[] | null; error: string | null }>({
    options: null,
    error: null,
  });
  useEffect(() => {
    let live = true;
    (async () => {
      const options: Option[] = [];
      for (let page = 0; page < MAX_PAGES; page++) {
        const r = await householdApi.list({ unitId: communeId, offset: page * PAGE, limit: PAGE });
        for (const h of r.items) {
          const label = `${h.headName} · ${h.code} · ${h.village.name}`;
          options.push({ value: h.id, label, search: foldText(label) });
        }
        if (options.length >= r.total || r.items.length < PAGE) break;
      }
      return options;
    })().then(
      (options) => {
        if (live) setState({ options, error: null });
      },
      (err: unknown) => {
        if (live) setState({ options: [], error: errorText(err, t) });
      },
    );
    return () => {
      live = false;
    };
  }, [communeId, t]);
  return state;
}

/** Dialog to add a clan to the commune or edit one: name, head and member households. */
export function ClanForm({ item: clan, scope, onClose, onDone }: RegistryFormProps<Clan>) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const { busy, run } = useSubmit();
  const communeId = scope.commune!.id;
  const households = useHouseholdOptions(communeId);
  const [initial] = useState<Partial<Values>>(() =>
    clan
      ? { name: clan.name, headName: clan.headName, householdIds: clan.householdIds }
      : { householdIds: [] },
  );

  const submit = async (values: Values) => {
    const fields = { name: values.name.trim(), headName: values.headName.trim() };
    const members = values.householdIds ?? [];
    const changed = (before: number[]) =>
      before.length !== members.length || before.some((id) => !members.includes(id));
    const save = async () => {
      const saved = clan
        ? await clanApi.update(clan.id, fields)
        : await clanApi.create({ communeId, ...fields });
      if (changed(clan?.householdIds ?? [])) await clanApi.setHouseholds(saved.id, members);
    };
    const done = clan ? t("registry.saved") : t("clans.added", { name: fields.name });
    if (await run(form, save, done)) onDone();
  };

  return (
    <Modal
      open
      title={clan ? t("clans.editTitle", { name: clan.name }) : t("clans.add")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ "data-testid": "clan-save" } as Record<string, string>}
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={initial}>
        <Form.Item
          name="name"
          label={t("clans.name")}
          rules={[{ required: true, whitespace: true, message: t("clans.nameRequired") }]}
        >
          <Input maxLength={200} data-testid="clan-name-input" />
        </Form.Item>
        <Form.Item
          name="headName"
          label={t("clans.head")}
          rules={[{ required: true, whitespace: true, message: t("clans.headRequired") }]}
        >
          <Input maxLength={200} data-testid="clan-head-input" />
        </Form.Item>
        <Form.Item
          name="householdIds"
          label={t("clans.households")}
          extra={households.error ?? t("clans.householdsHelp")}
          validateStatus={households.error ? "error" : undefined}
        >
          <Select<number[]>
            mode="multiple"
            allowClear
            loading={households.options === null}
            options={households.options ?? []}
            showSearch={{
              filterOption: (input, option) => !!option?.search.includes(foldText(input)),
            }}
            style={{ width: "100%" }}
            data-testid="clan-households"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
