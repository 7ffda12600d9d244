import { PrinterOutlined } from "@ant-design/icons";
import { App, Button, Flex, Progress, Typography } from "antd";
import { useState } from "react";
import type { Decision } from "../../../shared/cycle";
import { downloadWithProgress } from "../../api/client";
import { cycleApi } from "../../api/cycle";
import { errorText } from "../../errors";
import { useT } from "../../i18n/messages";

/**
 * "In giấy công nhận" of an issued decision: the PDF of all its certificates (15,000 pages for a large ward) is
 * fetched here with its progress shown (first while the server makes it, then the share of bytes received), then
 * opened in a new tab. The link stays a plain link for a middle click or "open in new tab".
 */
export function CertificatesButton({ decision }: { decision: Decision }) {
  const t = useT();
  const { message } = App.useApp();
  const [progress, setProgress] = useState<{ received: number; total: number | null } | null>(null);
  const url = cycleApi.decisionCertificatesUrl(decision);

  const download = async (event: React.MouseEvent) => {
    event.preventDefault();
    if (progress) return;
    // Opened now, while the click still counts: a tab opened after the download would be blocked as a pop-up.
    const tab = window.open("", "_blank");
    setProgress({ received: 0, total: null });
    try {
      const blob = await downloadWithProgress(url, (received, total) => setProgress({ received, total }));
      const objectUrl = URL.createObjectURL(blob);
      if (tab) tab.location.href = objectUrl;
      else window.location.assign(objectUrl);
      setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
    } catch (err) {
      tab?.close();
      void message.error(errorText(err, t));
    } finally {
      setProgress(null);
    }
  };

  return (
    <Flex vertical gap={2}>
      <Button
        size="small"
        icon={<PrinterOutlined />}
        href={url}
        target="_blank"
        rel="noopener"
        loading={progress !== null}
        onClick={download}
        data-testid="print-certificates"
      >
        {t("decision.print")}
      </Button>
      {progress && (
        <div data-testid="print-certificates-progress" aria-live="polite">
          {progress.received === 0 ? (
            <Typography.Text type="secondary">
              {t("decision.printPreparing", { count: decision.registrationCount.toLocaleString("vi-VN") })}
            </Typography.Text>
          ) : (
            <Progress
              size="small"
              percent={progress.total ? Math.floor((progress.received / progress.total) * 100) : undefined}
              format={(percent) =>
                percent === undefined
                  ? `${(progress.received / 2 ** 20).toFixed(1)} MB`
                  : t("decision.printDownloading", { percent })
              }
            />
          )}
        </div>
      )}
    </Flex>
  );
}
