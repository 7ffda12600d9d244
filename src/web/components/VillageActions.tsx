import { DeleteOutlined, EditOutlined, MergeCellsOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, DatePicker, Form, Input, Modal, Select, Space } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import type { UnitDetail, UnitSummary } from "../../shared/api";
import { api } from "../api/client";
import { type VillageKind, villageKindList } from "../constants";
import { errorText } from "../errors";
import { todayIso } from "../format";
import { useT, villageKindKeys } from "../i18n/messages";
import { useSubmit } from "./useSubmit";

type AddForm = { code?: string; name: string; kind: VillageKind };

/** "Add a village" button and dialog, for a commune. */
export function AddVillageButton({ commune, onDone }: { commune: UnitDetail; onDone: () => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<AddForm>();
  const { busy, run } = useSubmit();

  const submit = async (values: AddForm) => {
    const code = values.code?.trim();
    const ok = await run(
      form,
      () =>
        api.createVillage(commune.id, {
          name: values.name.trim(),
          kind: values.kind,
          ...(code ? { code } : {}),
        }),
      t("village.added", { name: values.name.trim() }),
    );
    if (ok) {
      setOpen(false);
      form.resetFields();
      onDone();
    }
  };

  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="add-village">
        {t("village.add")}
      </Button>
      <Modal
        open={open}
        title={t("village.add")}
        okText={t("common.save")}
        cancelText={t("common.cancel")}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form<AddForm> form={form} layout="vertical" onFinish={submit} initialValues={{ kind: "Thôn" }}>
          <Form.Item
            name="name"
            label={t("village.name")}
            rules={[{ required: true, whitespace: true, message: t("village.nameRequired") }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="kind"
            label={t("village.kind")}
            rules={[{ required: true, message: t("village.kindRequired") }]}
          >
            <Select<VillageKind>
              options={villageKindList.map((kind) => ({ value: kind, label: t(villageKindKeys[kind]) }))}
            />
          </Form.Item>
          <Form.Item name="code" label={t("village.code")}>
            <Input maxLength={20} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

type Dialog = "rename" | "retire" | "merge" | null;

/** Rename, dissolve and merge, for a village. */
export function VillageActions({ village, onDone }: { village: UnitDetail; onDone: () => void }) {
  const t = useT();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const finished = () => {
    setDialog(null);
    onDone();
  };
  return (
    <>
      <Space wrap>
        <Button icon={<EditOutlined />} onClick={() => setDialog("rename")} data-testid="village-rename">
          {t("village.rename")}
        </Button>
        <Button icon={<MergeCellsOutlined />} onClick={() => setDialog("merge")} data-testid="village-merge">
          {t("village.merge")}
        </Button>
        <Button
          danger
          icon={<DeleteOutlined />}
          onClick={() => setDialog("retire")}
          data-testid="village-retire"
        >
          {t("village.retire")}
        </Button>
      </Space>
      {dialog === "rename" && <RenameDialog village={village} onClose={close} onDone={finished} />}
      {dialog === "retire" && <RetireDialog village={village} onClose={close} onDone={finished} />}
      {dialog === "merge" && <MergeDialog village={village} onClose={close} onDone={finished} />}
    </>
  );
}

type DialogProps = { village: UnitDetail; onClose: () => void; onDone: () => void };

function RenameDialog({ village, onClose, onDone }: DialogProps) {
  const t = useT();
  const [form] = Form.useForm<{ name: string }>();
  const { busy, run } = useSubmit();
  const submit = async ({ name }: { name: string }) => {
    const rename = () => api.renameUnit(village.id, name.trim(), village.version);
    // A stale save (409) offers to reload the village: onDone closes the dialog and reloads the page.
    if (await run(form, rename, t("village.renamed"), { reload: onDone })) onDone();
  };
  return (
    <Modal
      open
      title={t("village.rename")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ name: village.name }}>
        <Form.Item
          name="name"
          label={t("village.newName")}
          rules={[{ required: true, whitespace: true, message: t("village.nameRequired") }]}
        >
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RetireDialog({ village, onClose, onDone }: DialogProps) {
  const t = useT();
  const [form] = Form.useForm<{ date: Dayjs }>();
  const { busy, run } = useSubmit();
  const submit = async ({ date }: { date: Dayjs }) => {
    const retire = () => api.retireUnit(village.id, date.format("YYYY-MM-DD"), village.version);
    if (await run(form, retire, t("village.retired"), { reload: onDone })) onDone();
  };
  return (
    <Modal
      open
      title={t("village.retire")}
      okText={t("village.retire")}
      okButtonProps={{ danger: true }}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Alert type="warning" showIcon title={t("village.retireConfirm")} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ date: dayjs(todayIso()) }}>
        <Form.Item
          name="date"
          label={t("village.retireDate")}
          rules={[{ required: true, message: t("village.dateRequired") }]}
        >
          <DatePicker format="DD/MM/YYYY" inputReadOnly style={{ width: "100%" }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MergeDialog({ village, onClose, onDone }: DialogProps) {
  const t = useT();
  const [form] = Form.useForm<{ intoId: number; date: Dayjs }>();
  const { busy, run } = useSubmit();
  const [targets, setTargets] = useState<UnitSummary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    if (village.parentId === null) {
      setTargets([]);
      return;
    }
    let live = true;
    api.unitChildren(village.parentId, todayIso()).then(
      (units) => {
        if (live) setTargets(units.filter((u) => u.id !== village.id && u.level === "village" && !u.validTo));
      },
      (err: unknown) => {
        if (live) setLoadError(errorText(err, t));
      },
    );
    return () => {
      live = false;
    };
  }, [village.id, village.parentId, t]);

  const submit = async ({ intoId, date }: { intoId: number; date: Dayjs }) => {
    const merge = () => api.mergeUnit(village.id, intoId, date.format("YYYY-MM-DD"), village.version);
    if (await run(form, merge, t("village.merged"), { reload: onDone })) onDone();
  };
  return (
    <Modal
      open
      title={t("village.merge")}
      okText={t("village.merge")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      okButtonProps={{ disabled: !targets || targets.length === 0 }}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {loadError && <Alert type="error" showIcon title={loadError} style={{ marginBottom: 16 }} />}
      {targets && targets.length === 0 && (
        <Alert type="info" showIcon title={t("village.mergeNoTarget")} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ date: dayjs(todayIso()) }}>
        <Form.Item
          name="intoId"
          label={t("village.mergeInto")}
          rules={[{ required: true, message: t("village.mergeIntoRequired") }]}
        >
          <Select<number>
            loading={!targets && !loadError}
            showSearch={{ optionFilterProp: "label" }}
            options={(targets ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.code})` }))}
          />
        </Form.Item>
        <Form.Item
          name="date"
          label={t("village.mergeDate")}
          rules={[{ required: true, message: t("village.dateRequired") }]}
        >
          <DatePicker format="DD/MM/YYYY" inputReadOnly style={{ width: "100%" }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
