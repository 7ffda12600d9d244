import { Flex, Spin } from "antd";
import { useT } from "../i18n/messages";

export function PageLoading() {
  const t = useT();
  return (
    <Flex justify="center" align="center" style={{ padding: 48 }}>
      <Spin description={t("common.loading")} />
    </Flex>
  );
}
