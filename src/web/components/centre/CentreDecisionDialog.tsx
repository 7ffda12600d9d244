/**
 * Recording a decision of a centre: its kind, number, dates, issuer and signer; for a merger, the centres it takes
 * in (of the centre's commune and of the old communes merged into it). The server's refusals (a date before the
 * founding, a centre already merged, …) show on their fields.
 */
import { Alert, DatePicker, Form, Input, Modal, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { type CentreDecisionKind, type CentreRef, centreDecisionKinds } from "../../../shared/centre-org";
import type { Centre } from "../../../shared/registry/kinds";
import { centreOrgApi } from "../../api/centre-org";
import { api } from "../../api/client";
import { useT } from "../../i18n/messages";
import { useSubmit } from "../useSubmit";

type Values = {
  kind: CentreDecisionKind;
  number: string;
  signedOn: Dayjs;
  issuer: string;
  signerTitle: string;
  signerName: string;
  effectiveOn?: Dayjs | null;
  summary?: string;
  predecessorIds?: number[];
};

const iso = (d: Dayjs) => d.format("YYYY-MM-DD");
const signerTitles = ["Chủ tịch", "Phó Chủ tịch", "Q. Chủ tịch"];

/** The centres a merger may take in: those of the commune and of its predecessors, other than this one. */
function useMergeable(centre: CentreRef, enabled: boolean) {
  const [list, setList] = useState<(Centre & { communeName: string })[]>([]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void (async () => {
      const unit = await api.unit(centre.communeId);
      const communes = [
        { id: unit.id, name: unit.name },
        ...unit.predecessors.filter((p) => p.unit.level === "commune").map((p) => p.unit),
      ];
      const lists = await Promise.all(
        communes.map(async (c) =>
          (await centreOrgApi.communeCentres(c.id)).map((x) => ({ ...x, communeName: c.name })),
        ),
      );
      if (live) setList(lists.flat().filter((x) => x.id !== centre.id));
    })().catch(() => setList([]));
    return () => {
      live = false;
    };
  }, [centre.communeId, centre.id, enabled]);
  return list;
}

export function CentreDecisionDialog({
  centre,
  onClose,
  onSaved,
}: {
  centre: CentreRef;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const { busy, run } = useSubmit();
  const kind = Form.useWatch("kind", form) ?? "appointment";
  const mergeable = useMergeable(centre, kind === "merger");
  const required = (field: string) => [
    { required: true, whitespace: true, message: t("centre.decision.required", { field }) },
  ];

  const submit = async (v: Values) => {
    const ok = await run(
      form,
      () =>
        centreOrgApi.addDecision(centre, {
          kind: v.kind,
          number: v.number,
          signedOn: iso(v.signedOn),
          issuer: v.issuer,
          signerTitle: v.signerTitle,
          signerName: v.signerName,
          effectiveOn: v.effectiveOn ? iso(v.effectiveOn) : null,
          summary: v.summary?.trim() || null,
          ...(v.kind === "merger" ? { predecessorIds: v.predecessorIds ?? [] } : {}),
        }),
      t("centre.decision.added", { number: v.number }),
    );
    if (ok) onSaved();
  };

  const label = (key: Parameters<typeof t>[0]) => t(key);
  return (
    <Modal
      open
      title={t("centre.decision.add")}
      okText={t("centre.decision.add")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ "data-testid": "decision-ok" } as { "data-testid": string }}
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        data-testid="decision-form"
        initialValues={{ kind: "appointment", issuer: `UBND ${centre.communeName}`, signerTitle: "Chủ tịch" }}
      >
        <Form.Item name="kind" label={label("centre.decision.kind")}>
          <Select
            data-testid="decision-kind"
            options={centreDecisionKinds.map((k) => ({ value: k, label: t(`centre.decision.kind.${k}`) }))}
          />
        </Form.Item>
        {kind === "dissolution" && (
          <Alert type="warning" showIcon title={t("centre.decision.dissolutionHint")} />
        )}
        <Form.Item
          name="number"
          label={label("centre.decision.number")}
          rules={required(label("centre.decision.number"))}
        >
          <Input
            maxLength={50}
            placeholder={t("centre.decision.numberPlaceholder")}
            data-testid="decision-number"
          />
        </Form.Item>
        <Form.Item
          name="signedOn"
          label={label("centre.decision.signedOn")}
          rules={[
            {
              required: true,
              message: t("centre.decision.required", { field: t("centre.decision.signedOn") }),
            },
          ]}
        >
          <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} data-testid="decision-signed-on" />
        </Form.Item>
        <Form.Item
          name="issuer"
          label={label("centre.decision.issuer")}
          rules={required(label("centre.decision.issuer"))}
        >
          <Input maxLength={200} data-testid="decision-issuer" />
        </Form.Item>
        <Form.Item
          name="signerTitle"
          label={label("centre.decision.signerTitle")}
          rules={required(label("centre.decision.signerTitle"))}
        >
          <Select
            options={signerTitles.map((s) => ({ value: s, label: s }))}
            data-testid="decision-signer-title"
          />
        </Form.Item>
        <Form.Item
          name="signerName"
          label={label("centre.decision.signerName")}
          rules={required(label("centre.decision.signerName"))}
        >
          <Input maxLength={200} data-testid="decision-signer-name" />
        </Form.Item>
        <Form.Item name="effectiveOn" label={label("centre.decision.effectiveOn")}>
          <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
        </Form.Item>
        {kind === "merger" && (
          <Form.Item
            name="predecessorIds"
            label={label("centre.decision.predecessors")}
            extra={t("centre.decision.predecessorsHint")}
          >
            <Select
              mode="multiple"
              data-testid="decision-predecessors"
              options={mergeable.map((c) => ({ value: c.id, label: `${c.name} (${c.communeName})` }))}
            />
          </Form.Item>
        )}
        <Form.Item name="summary" label={label("centre.decision.summary")}>
          <Input.TextArea
            maxLength={2000}
            autoSize={{ minRows: 2, maxRows: 6 }}
            data-testid="decision-summary"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
