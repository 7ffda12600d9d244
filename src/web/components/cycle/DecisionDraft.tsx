import { FileAddOutlined } from "@ant-design/icons";
import { App, Button, Flex, Form, Table, type TableColumnsType, Typography } from "antd";
import dayjs from "dayjs";
import { useEffect, useState } from "react";
import type { UnitRef } from "../../../shared/api";
import { allows, type Can } from "../../../shared/capabilities";
import type { Registration } from "../../../shared/cycle";
import type { Title } from "../../../shared/rubric";
import { cycleApi } from "../../api/cycle";
import { applyFieldErrors, errorText } from "../../errors";
import { todayIso } from "../../format";
import { useT } from "../../i18n/messages";
import { type PlacedUnit, RoleNote, WhyNot } from "../Capability";
import { useCompact } from "../useCompact";
import { subjectText, useResultText } from "./common";
import { DecisionFields, type DecisionFieldValues, decisionParticulars } from "./DecisionFields";

type Props = {
  commune: UnitRef;
  year: number;
  title: Title;
  proposals: Registration[];
  /** The caller's permissions on the commune, and the commune for the role line. */
  can: Can;
  unit: PlacedUnit;
  onDone: () => void;
};

/** The proposal list and the form of a draft recognition decision for the chosen ones. */
export function DecisionDraft({ commune, year, title, proposals, can, unit, onDone }: Props) {
  const t = useT();
  const resultText = useResultText();
  const { message } = App.useApp();
  const [form] = Form.useForm<DecisionFieldValues>();
  const [busy, setBusy] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const compact = useCompact();
  const canDraft = allows(can, "cycle.draft");
  useEffect(() => setSelected(proposals.map((r) => r.id)), [proposals]);

  const submit = async (values: DecisionFieldValues) => {
    setBusy(true);
    try {
      const decision = await cycleApi.draftDecision({
        communeId: commune.id,
        year,
        title,
        kind: "recognition",
        ...decisionParticulars(values),
        registrationIds: selected,
      });
      void message.success(t("decision.drafted", { number: decision.number }));
      form.resetFields(["number", "signerName"]);
      onDone();
    } catch (err) {
      if (!applyFieldErrors(form, err)) void message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const columns: TableColumnsType<Registration> = compact
    ? [
        {
          key: "subject",
          title: t("cycle.subject"),
          render: (_, r) => (
            <Flex vertical>
              <span>{subjectText(r)}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[r.village?.name, resultText(r)].filter(Boolean).join(" · ")}
              </Typography.Text>
            </Flex>
          ),
        },
      ]
    : [
        { key: "subject", title: t("cycle.subject"), render: (_, r) => subjectText(r) },
        { key: "village", title: t("households.village"), render: (_, r) => r.village?.name ?? "" },
        { key: "result", title: t("cycle.result"), render: (_, r) => resultText(r) },
      ];

  return (
    <>
      <Typography.Text strong>{t("decision.proposals", { count: proposals.length })}</Typography.Text>
      {proposals.length === 0 ? (
        <Typography.Text type="secondary">{t("decision.noProposals")}</Typography.Text>
      ) : (
        <div data-testid="proposal-table">
          <Table<Registration>
            size="small"
            rowKey="id"
            columns={columns}
            dataSource={proposals}
            rowSelection={
              canDraft
                ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(Number)) }
                : undefined
            }
            pagination={
              proposals.length > 50 ? { pageSize: 50, showSizeChanger: false, size: "small" } : false
            }
            scroll={compact ? undefined : { x: "max-content" }}
          />
        </div>
      )}
      {can.read && <RoleNote action="cycle.draft" can={can} unit={unit} />}
      {proposals.length > 0 && canDraft && (
        <Form<DecisionFieldValues>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{
            signedOn: dayjs(todayIso()),
            agencyName: t("decision.defaultAgency", { name: commune.name }),
            signerTitle: t("decision.defaultSignerTitle"),
          }}
        >
          <Typography.Title level={5}>{t("decision.draftTitle")}</Typography.Title>
          <DecisionFields testIdPrefix="decision" numberPlaceholder="12/QĐ-UBND" />
          <WhyNot reason={selected.length === 0 ? t("why.draft.noneSelected") : null} testId="why-draft">
            <Button
              type="primary"
              htmlType="submit"
              icon={<FileAddOutlined />}
              loading={busy}
              disabled={selected.length === 0}
              data-testid="draft-decision"
            >
              {t("decision.draft")}
            </Button>
          </WhyNot>
        </Form>
      )}
    </>
  );
}
