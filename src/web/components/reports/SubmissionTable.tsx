/**
 * The receiving level's tab of /bao-cao: for the chosen template's level and kind and the period, every commune of
 * the province (or every province, for the nation) with its status (chưa nộp, đã nộp, trả lại with the reasons,
 * đã tiếp nhận), on time or late against the due date; a submitted report is opened, returned with a reason or
 * accepted. The buttons are the receiver's (Phê duyệt, Quản trị đơn vị of the province); others see them disabled.
 */
import { Alert, Button, Flex, Input, Modal, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { reportStatusLabels } from "../../../shared/report-submissions";
import { type ReportKey, type StatusDue, type StatusRow, submissionApi } from "../../api/report-submissions";
import { errorText } from "../../errors";
import { formatDate } from "../../format";
import { useT } from "../../i18n/messages";
import { IsoDateField } from "../IsoDateField";
import { ReviewDrawer } from "./ReviewDrawer";

/** A row's report, named with its unit (the row's commune or province); null when it has none. */
const keyOf = (row: StatusRow): ReportKey | null =>
  row.reportId === null ? null : { id: row.reportId, unitId: row.unitId };

const color = { missing: "red", draft: "default", submitted: "blue", returned: "orange", accepted: "green" };

export function SubmissionTable(props: {
  unitId: number;
  level: string;
  kind: string;
  period: { from: string; to: string };
  mayReceive: boolean;
}) {
  const t = useT();
  // Empty: the server takes the deadlines calendar's date (or the period's last day) and says which.
  const [due, setDue] = useState("");
  const [dueFrom, setDueFrom] = useState<StatusDue | null>(null);
  const [rows, setRows] = useState<StatusRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [returning, setReturning] = useState<StatusRow | null>(null);
  const [reason, setReason] = useState("");
  const [reviewing, setReviewing] = useState<ReportKey | null>(null);
  const { unitId, level, kind, period } = props;
  const load = useCallback(() => {
    setError(null);
    submissionApi.status({ unitId, level, kind, from: period.from, to: period.to, due }).then(
      (r) => {
        setRows(r.units);
        setDueFrom(r.dueFrom);
      },
      (err: unknown) => setError(errorText(err, t)),
    );
  }, [unitId, level, kind, period.from, period.to, due, t]);
  useEffect(load, [load]);
  const decide = async (row: StatusRow, accept: boolean) => {
    try {
      await submissionApi.decide(keyOf(row)!, accept, reason.trim());
      setReturning(null);
      setReason("");
      load();
    } catch (err) {
      setError(errorText(err, t));
    }
  };
  const why = props.mayReceive ? undefined : t("report.receiverOnly");
  return (
    <Flex vertical gap={12} data-testid="submission-table">
      <Flex gap={8} align="center" wrap>
        <Typography.Text>{t("report.due")}</Typography.Text>
        <IsoDateField
          value={due}
          onChange={(v) => setDue(v ?? "")}
          testId="report-due"
          placeholder={t("report.dueAuto")}
          style={{ maxWidth: 220 }}
        />
        {dueFrom && (
          <Typography.Text type="secondary" data-testid="report-due-source">
            {dueFrom.text}
          </Typography.Text>
        )}
      </Flex>
      {error && <Alert type="error" showIcon title={error} />}
      <Table<StatusRow>
        size="small"
        rowKey="unitId"
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: "max-content" }}
        dataSource={rows}
        columns={[
          { title: t("report.unit"), dataIndex: "unitName" },
          {
            title: t("report.statusCol"),
            render: (_, r) => (
              <Flex vertical gap={2}>
                <Tag color={color[r.status]}>{reportStatusLabels[r.status].vi}</Tag>
                {r.returnReasons.map((x) => (
                  <Typography.Text key={x} type="secondary">
                    {x}
                  </Typography.Text>
                ))}
              </Flex>
            ),
          },
          {
            title: t("report.submittedOn"),
            render: (_, r) => (r.submittedAt ? formatDate(r.submittedAt) : "—"),
          },
          {
            title: t("report.onTime"),
            render: (_, r) =>
              r.onTime === null ? (
                "—"
              ) : (
                <Tag color={r.onTime ? "green" : "red"}>{t(r.onTime ? "report.inTime" : "report.late")}</Tag>
              ),
          },
          {
            title: "",
            render: (_, r) =>
              r.status === "submitted" && r.reportId !== null ? (
                <Flex gap={4} wrap>
                  <Typography.Link href={submissionApi.docxUrl({ id: r.reportId, unitId: r.unitId })}>
                    {t("report.open")}
                  </Typography.Link>
                  <Button size="small" onClick={() => setReviewing(keyOf(r))} data-testid="report-review">
                    {t("report.review")}
                  </Button>
                  <Button
                    size="small"
                    disabled={!props.mayReceive}
                    title={why}
                    onClick={() => decide(r, true)}
                  >
                    {t("report.accept")}
                  </Button>
                  <Button
                    size="small"
                    disabled={!props.mayReceive}
                    title={why}
                    onClick={() => setReturning(r)}
                  >
                    {t("report.return")}
                  </Button>
                </Flex>
              ) : null,
          },
        ]}
      />
      <ReviewDrawer reportKey={reviewing} mayReceive={props.mayReceive} onClose={() => setReviewing(null)} />
      <Modal
        open={returning !== null}
        title={t("report.return")}
        okButtonProps={{
          disabled: reason.trim() === "",
          ...({ "data-testid": "report-return-ok" } as object),
        }}
        onOk={() => returning && decide(returning, false)}
        onCancel={() => setReturning(null)}
      >
        <Input.TextArea
          aria-label={t("report.returnReason")}
          placeholder={t("report.returnReason")}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Flex>
  );
}
