import {
  CheckCircleOutlined,
  CloudUploadOutlined,
  DownloadOutlined,
  UploadOutlined,
} from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Row,
  Statistic,
  Table,
  type TableColumnsType,
  Typography,
  Upload,
  type UploadFile,
} from "antd";
import { type ReactNode, useState } from "react";
import type { ImportReport, RegistryImportReport, RowError } from "../../shared/api";
import { ApiRequestError } from "../api/client";
import { errorText } from "../errors";
import { useT } from "../i18n/messages";

/** An import report; some imports also say which columns were converted from TCVN3 or VNI to Unicode. */
export type FileImportReport = ImportReport & Partial<Pick<RegistryImportReport, "converted">>;

type Outcome = { report: FileImportReport | null; error: string | null; rows: RowError[] };

type Props = {
  title: string;
  help: string;
  templateUrl: string;
  /** Sends the file: a dry run (check only) first, then the real import. */
  upload: (file: File, dryRun: boolean) => Promise<FileImportReport>;
  onDone: () => void;
  /** The label of a column key of `converted`. */
  columnLabel?: (key: string) => string;
  testId?: string;
  extra?: ReactNode;
};

const encodingNames: Record<string, string> = { tcvn3: "TCVN3", vni: "VNI" };

/** Upload of a list (.xlsx/.csv): check first (dry run), see the report, then import for real. */
export function FileImport({ title, help, templateUrl, upload, onDone, columnLabel, testId, extra }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [fileList, setFileList] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState<"check" | "run" | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const send = async (dryRun: boolean) => {
    if (!file) {
      void message.warning(t("import.fileRequired"));
      return;
    }
    setBusy(dryRun ? "check" : "run");
    try {
      const report = await upload(file, dryRun);
      setOutcome({ report, error: null, rows: report.errors });
      if (!dryRun) {
        void message.success(t("import.reportDone"));
        onDone();
      }
    } catch (err) {
      const rows = err instanceof ApiRequestError ? err.rowErrors : [];
      setOutcome({ report: null, error: errorText(err, t), rows });
    } finally {
      setBusy(null);
    }
  };

  const report = outcome?.report ?? null;
  const canRun = !!file && !!report && report.dryRun && report.errors.length === 0;

  const columns: TableColumnsType<RowError> = [
    { key: "row", title: t("import.row"), dataIndex: "row", width: 70 },
    {
      key: "column",
      title: t("import.column"),
      dataIndex: "column",
      width: 110,
      render: (c?: string) => c ?? "",
    },
    { key: "message", title: t("import.message"), dataIndex: "message" },
  ];

  return (
    <Card size="small" title={title} data-testid={testId}>
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {help}
        </Typography.Paragraph>
        <Flex wrap gap={8}>
          <Button icon={<DownloadOutlined />} href={templateUrl} download data-testid="import-template">
            {t("import.template")}
          </Button>
          {extra}
          <Upload
            accept=".xlsx,.csv"
            maxCount={1}
            fileList={fileList}
            beforeUpload={(f) => {
              setFile(f);
              setFileList([{ uid: f.uid, name: f.name, status: "done" }]);
              setOutcome(null);
              return false;
            }}
            onRemove={() => {
              setFile(null);
              setFileList([]);
              setOutcome(null);
            }}
          >
            <Button icon={<UploadOutlined />}>{t("import.chooseFile")}</Button>
          </Upload>
        </Flex>
        <Flex wrap gap={8}>
          <Button
            icon={<CheckCircleOutlined />}
            onClick={() => void send(true)}
            loading={busy === "check"}
            disabled={!file || busy !== null}
            data-testid="import-check"
          >
            {t("import.check")}
          </Button>
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            onClick={() => void send(false)}
            loading={busy === "run"}
            disabled={!canRun || busy !== null}
            data-testid="import-run"
          >
            {t("import.run")}
          </Button>
        </Flex>
        {outcome?.error && <Alert type="error" showIcon title={outcome.error} />}
        {report && <ReportSummary report={report} columnLabel={columnLabel} />}
        {outcome && outcome.rows.length > 0 && (
          <div data-testid="import-errors">
            <Table<RowError>
              size="small"
              rowKey={(r) => `${r.row}-${r.column ?? ""}-${r.message}`}
              columns={columns}
              dataSource={outcome.rows}
              pagination={outcome.rows.length > 20 ? { pageSize: 20 } : false}
              scroll={{ x: "max-content" }}
            />
          </div>
        )}
      </Flex>
    </Card>
  );
}

function ReportSummary({
  report,
  columnLabel,
}: {
  report: FileImportReport;
  columnLabel?: (key: string) => string;
}) {
  const t = useT();
  // Columns grouped by the legacy encoding they were converted from.
  const byEncoding = new Map<string, string[]>();
  for (const [column, encoding] of Object.entries(report.converted ?? {})) {
    const list = byEncoding.get(encoding) ?? [];
    list.push(`“${columnLabel ? columnLabel(column) : column}”`);
    byEncoding.set(encoding, list);
  }
  return (
    <>
      <Typography.Text strong>
        {report.dryRun ? t("import.reportDry") : t("import.reportDone")}
      </Typography.Text>
      <Row gutter={[8, 8]}>
        <Col xs={12} sm={6}>
          <Statistic title={t("import.total")} value={report.total} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t("import.created")} value={report.created} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t("import.updated")} value={report.updated} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t("import.unchanged")} value={report.unchanged} />
        </Col>
      </Row>
      {[...byEncoding].map(([encoding, columns]) => (
        <Alert
          key={encoding}
          type="info"
          showIcon
          data-testid="import-converted"
          title={t("import.converted", {
            columns: columns.join(", "),
            encoding: encodingNames[encoding] ?? encoding.toUpperCase(),
          })}
        />
      ))}
      {report.dryRun &&
        (report.errors.length > 0 ? (
          <Alert type="warning" showIcon title={t("import.hasErrors", { count: report.errors.length })} />
        ) : (
          <Alert type="success" showIcon title={t("import.ok")} />
        ))}
    </>
  );
}
