import { FilePdfOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import { Button, Flex, Table, type TableColumnsType, Typography } from "antd";
import type { Registration } from "../../../shared/cycle";
import { cycleApi } from "../../api/cycle";
import { useT } from "../../i18n/messages";
import { paths } from "../../router";
import { useCompact } from "../useCompact";
import { type CycleContext, StatusTag, subjectText, useResultText } from "./common";

/** Step 5: what was recognised (or later revoked), with the certificate codes and their public check page. */
export function RecognizedTab({ context }: { context: CycleContext }) {
  const t = useT();
  const resultText = useResultText();
  const compact = useCompact();
  const rows = context.registrations.filter((r) => r.status === "recognized" || r.status === "revoked");

  const subject = (r: Registration) => (
    <Flex vertical align="flex-start" gap={2}>
      <span data-testid="recognized-name">{subjectText(r)}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {[r.village?.name, resultText(r)].filter(Boolean).join(" · ")}
      </Typography.Text>
      <StatusTag status={r.status} />
    </Flex>
  );
  const certificate = (r: Registration) =>
    r.certificateCode ? (
      <Flex vertical gap={4} align="flex-start">
        <Typography.Text code copyable={{ text: r.certificateCode }} data-testid="certificate-code">
          {r.certificateCode}
        </Typography.Text>
        <Flex gap={4} wrap>
          <Button
            size="small"
            icon={<SafetyCertificateOutlined />}
            href={paths.verify(r.certificateCode)}
            target="_blank"
            rel="noopener"
            data-testid="verify-link"
          >
            {t("recognized.check")}
          </Button>
          {r.status === "recognized" && (
            <Button
              size="small"
              icon={<FilePdfOutlined />}
              href={cycleApi.registrationCertificateUrl(r)}
              target="_blank"
              rel="noopener"
            >
              {t("recognized.pdf")}
            </Button>
          )}
        </Flex>
      </Flex>
    ) : null;

  const columns: TableColumnsType<Registration> = compact
    ? [
        {
          key: "subject",
          title: t("cycle.subject"),
          render: (_, r) => (
            <Flex vertical gap={8}>
              {subject(r)}
              {certificate(r)}
            </Flex>
          ),
        },
      ]
    : [
        { key: "subject", title: t("cycle.subject"), render: (_, r) => subject(r) },
        { key: "code", title: t("recognized.code"), render: (_, r) => certificate(r) },
      ];
  return (
    <div data-testid="recognized-table">
      <Table<Registration>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false, size: "small" } : false}
        scroll={compact ? undefined : { x: "max-content" }}
        locale={{ emptyText: t("recognized.empty") }}
      />
    </div>
  );
}
