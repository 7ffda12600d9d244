/**
 * The saved report of the /bao-cao page: "Lưu bản nháp" when none, otherwise its version and status, the autosave
 * line ("Đã lưu lúc hh:mm" / "Chưa lưu"), the return reason, submission (a reason after an accepted version),
 * a new version after a return or acceptance, the differences from the previous version and the submitted .docx.
 */
import { Alert, Button, Flex, Input, List, Tag, Typography } from "antd";
import { useState } from "react";
import { reportStatusLabels } from "../../../shared/report-submissions";
import { type ReportChange, type SavedReport, submissionApi } from "../../api/report-submissions";
import { useT } from "../../i18n/messages";
import type { SaveState } from "./useDraft";

const statusColor = { draft: "default", submitted: "blue", returned: "orange", accepted: "green" } as const;
const clock = (at: string) =>
  new Intl.DateTimeFormat("vi-VN", { hour: "2-digit", minute: "2-digit" }).format(new Date(at));

export function DraftBar(props: {
  report: SavedReport | null;
  state: SaveState;
  allowed: boolean;
  create: () => Promise<void>;
  flush: () => Promise<void>;
  adopt: (report: SavedReport) => void;
  onError: (err: unknown) => void;
}) {
  const t = useT();
  const { report, state, allowed } = props;
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState("");
  const [changes, setChanges] = useState<ReportChange[] | null>(null);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (err) {
      props.onError(err);
    } finally {
      setBusy(false);
    }
  };
  if (!report)
    return (
      <Button
        onClick={() => run(props.create)}
        loading={busy}
        disabled={!allowed}
        data-testid="report-create"
      >
        {t("report.saveDraft")}
      </Button>
    );
  const previousAccepted = report.status === "draft" && report.version > 1;
  return (
    <Flex vertical gap={8} data-testid="report-draft">
      <Flex gap={8} wrap align="center">
        <Tag color={statusColor[report.status]} data-testid="report-status">
          {reportStatusLabels[report.status].vi} · {t("report.edition", { version: report.version })}
        </Tag>
        {report.status === "draft" && (
          <Typography.Text type={state.kind === "saved" ? "secondary" : "warning"} data-testid="report-saved">
            {state.kind === "saved"
              ? t("report.savedAt", { time: clock(state.at) })
              : t(state.kind === "saving" ? "report.saving" : "report.unsaved")}
          </Typography.Text>
        )}
        {report.status === "draft" && previousAccepted && (
          <Input
            style={{ maxWidth: 320 }}
            placeholder={t("report.resubmitReason")}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="report-reason"
          />
        )}
        {report.status === "draft" && (
          <Button
            type="primary"
            loading={busy}
            disabled={!allowed}
            onClick={() =>
              run(async () => {
                await props.flush();
                props.adopt(await submissionApi.submit(report, reason.trim() || undefined));
              })
            }
            data-testid="report-submit"
          >
            {t("report.submit")}
          </Button>
        )}
        {(report.status === "returned" || report.status === "accepted") && (
          <Button
            loading={busy}
            disabled={!allowed}
            onClick={() => run(async () => props.adopt(await submissionApi.revise(report)))}
            data-testid="report-revise"
          >
            {t("report.revise")}
          </Button>
        )}
        {report.previousId !== null && (
          <Button
            onClick={() => run(async () => setChanges(await submissionApi.changes(report)))}
            data-testid="report-changes"
          >
            {t("report.changes")}
          </Button>
        )}
        {report.sha256 && (
          <Typography.Link href={submissionApi.docxUrl(report)} data-testid="report-submitted-docx">
            {t("report.submittedDocx")}
          </Typography.Link>
        )}
      </Flex>
      {report.sha256 && (
        <Typography.Text type="secondary" copyable={{ text: report.sha256 }}>
          SHA-256: {report.sha256.slice(0, 16)}…
        </Typography.Text>
      )}
      {report.returnReason && (
        <Alert type="warning" showIcon title={t("report.returned", { reason: report.returnReason })} />
      )}
      {changes && (
        <List
          size="small"
          bordered
          header={t("report.changes")}
          locale={{ emptyText: t("report.noChanges") }}
          dataSource={changes}
          data-testid="report-change-list"
          renderItem={(c) => (
            <List.Item>
              <Typography.Text>
                {c.heading}: <del>{c.before || "—"}</del> → {c.after || "—"}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Flex>
  );
}
