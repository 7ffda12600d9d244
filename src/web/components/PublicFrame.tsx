/** The frame of a page open to everyone without signing in: the app's name (home) and the language, a centred column. */
import { Flex } from "antd";
import type { ReactNode } from "react";
import { useT } from "../i18n/messages";
import { Link } from "../router";
import { LangSwitch } from "./LangSwitch";

export function PublicFrame({
  maxWidth,
  testId,
  children,
}: {
  maxWidth: number;
  testId: string;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <Flex
      vertical
      align="center"
      style={{ minHeight: "100vh", padding: "24px 12px", boxSizing: "border-box" }}
    >
      <Flex vertical gap={16} style={{ width: "100%", maxWidth }} data-testid={testId}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Link to="/" style={{ fontWeight: 700, fontSize: 18, color: "#b5131a" }}>
            {t("app.name")}
          </Link>
          <LangSwitch />
        </Flex>
        {children}
      </Flex>
    </Flex>
  );
}
