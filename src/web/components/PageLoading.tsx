import { Alert, Button, Flex, Spin } from "antd";
import { useT } from "../i18n/messages";

export function PageLoading() {
  const t = useT();
  return (
    <Flex justify="center" align="center" style={{ padding: 48 }}>
      <Spin description={t("common.loading")} />
    </Flex>
  );
}

/** A page's data that did not load: the server's message and "Thử lại". */
export function LoadFailed({ message, onRetry }: { message: string; onRetry: () => void }) {
  const t = useT();
  return (
    <Alert
      type="error"
      showIcon
      title={message}
      action={<Button onClick={() => onRetry()}>{t("common.retry")}</Button>}
    />
  );
}
