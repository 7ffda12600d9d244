import { FileAddOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  Row,
  Table,
  type TableColumnsType,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import type { UnitRef } from "../../../shared/api";
import type { Registration } from "../../../shared/cycle";
import type { Title } from "../../../shared/rubric";
import { cycleApi } from "../../api/cycle";
import { applyFieldErrors, errorText } from "../../errors";
import { todayIso } from "../../format";
import { useT } from "../../i18n/messages";
import { useCompact } from "../useCompact";
import { resultText, subjectText } from "./common";

type Values = {
  number: string;
  signedOn: Dayjs;
  agencyName: string;
  signerTitle: string;
  signerName: string;
};

type Props = {
  commune: UnitRef;
  year: number;
  title: Title;
  proposals: Registration[];
  canWrite: boolean;
  onDone: () => void;
};

/** The proposal list and the form of a draft recognition decision for the chosen ones. */
export function DecisionDraft({ commune, year, title, proposals, canWrite, onDone }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const compact = useCompact();
  useEffect(() => setSelected(proposals.map((r) => r.id)), [proposals]);

  const submit = async (values: Values) => {
    setBusy(true);
    try {
      const decision = await cycleApi.draftDecision({
        communeId: commune.id,
        year,
        title,
        kind: "recognition",
        number: values.number.trim(),
        signedOn: values.signedOn.format("YYYY-MM-DD"),
        agencyName: values.agencyName.trim(),
        signerTitle: values.signerTitle.trim(),
        signerName: values.signerName.trim(),
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
  const required = [{ required: true, whitespace: true, message: t("decision.required") }];

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
            rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(Number)) }}
            pagination={
              proposals.length > 50 ? { pageSize: 50, showSizeChanger: false, size: "small" } : false
            }
            scroll={compact ? undefined : { x: "max-content" }}
          />
        </div>
      )}
      {proposals.length > 0 && canWrite && (
        <Form<Values>
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
          <Row gutter={[12, 0]}>
            <Col xs={24} sm={12}>
              <Form.Item name="number" label={t("decision.number")} rules={required}>
                <Input maxLength={50} placeholder="12/QĐ-UBND" data-testid="decision-number" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                name="signedOn"
                label={t("decision.signedOn")}
                rules={[{ required: true, message: t("decision.required") }]}
              >
                <DatePicker format="DD/MM/YYYY" inputReadOnly style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="agencyName" label={t("decision.agency")} rules={required}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="signerTitle" label={t("decision.signerTitle")} rules={required}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="signerName" label={t("decision.signerName")} rules={required}>
                <Input maxLength={200} data-testid="decision-signer" />
              </Form.Item>
            </Col>
          </Row>
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
        </Form>
      )}
    </>
  );
}
