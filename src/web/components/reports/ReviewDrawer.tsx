/**
 * The receiving level's view of a submitted version (from the status table of /bao-cao): each section's heading and
 * text with the comments already written, and for the receiver a box to comment on that section. The figures are in
 * the submitted .docx ("Mở").
 */
import { Alert, Button, Drawer, Flex, Input, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { type ReportComment, reviewApi } from "../../api/report-review";
import type { ReportKey, SavedReport } from "../../api/report-submissions";
import type { ReportTemplate } from "../../api/reports";
import { errorText } from "../../errors";
import { useT } from "../../i18n/messages";
import { SectionComments } from "./SectionComments";

function CommentBox(props: { send: (text: string) => Promise<void>; testId: string }) {
  const t = useT();
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  return (
    <Flex gap={8} vertical>
      <Input.TextArea
        aria-label={t("report.commentPlaceholder")}
        placeholder={t("report.commentPlaceholder")}
        autoSize={{ minRows: 1, maxRows: 6 }}
        maxLength={2000}
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid={`comment-text-${props.testId}`}
      />
      <Button
        size="small"
        style={{ alignSelf: "flex-start" }}
        disabled={text.trim() === ""}
        loading={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await props.send(text.trim());
            setText("");
          } finally {
            setBusy(false);
          }
        }}
        data-testid={`comment-send-${props.testId}`}
      >
        {t("report.sendComment")}
      </Button>
    </Flex>
  );
}

/** `reportKey`: the version to review, with its unit (the server looks in that unit alone); null: closed. */
export function ReviewDrawer(props: {
  reportKey: ReportKey | null;
  mayReceive: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const { reportKey } = props;
  const [report, setReport] = useState<SavedReport | null>(null);
  const [template, setTemplate] = useState<ReportTemplate | null>(null);
  const [comments, setComments] = useState<ReportComment[]>([]);
  const [error, setError] = useState<string | null>(null);
  const onError = useCallback((err: unknown) => setError(errorText(err, t)), [t]);
  useEffect(() => {
    setReport(null);
    setError(null);
    if (reportKey === null) return;
    reviewApi.report(reportKey).then(async (r) => {
      setTemplate(await reviewApi.template(r.templateId));
      setComments(await reviewApi.comments(r));
      setReport(r);
    }, onError);
  }, [reportKey, onError]);
  const send = (section: string) => async (text: string) => {
    if (!report) return;
    try {
      const added = await reviewApi.comment(report, { section, text });
      setComments((list) => [...list, added]);
    } catch (err) {
      onError(err);
    }
  };
  const texts = new Map(report?.sections.map((s) => [s.key, s.text]) ?? []);
  const writable = props.mayReceive && (report?.status === "submitted" || report?.status === "returned");
  return (
    <Drawer
      open={reportKey !== null}
      onClose={props.onClose}
      title={report ? `${report.unitName}: ${report.templateName}` : t("report.review")}
      size="large"
      styles={{ wrapper: { maxWidth: "100vw" } }}
      data-testid="review-drawer"
    >
      <Flex vertical gap={16}>
        {error && <Alert type="error" showIcon title={error} />}
        {report &&
          template?.outline.sections.map((s) => (
            <Flex vertical gap={6} key={s.key} data-testid={`review-section-${s.key}`}>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {s.heading}
              </Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>
                {texts.get(s.key)?.trim() || t("report.noText")}
              </Typography.Paragraph>
              <SectionComments comments={comments} section={s.key} />
              {writable && <CommentBox send={send(s.key)} testId={s.key} />}
            </Flex>
          ))}
      </Flex>
    </Drawer>
  );
}
