/** /trung-tam-hoc-tap/{id}/ke-hoach: a centre's yearly plan and plan vs done, until the centre page has its tab. */
import { Flex } from "antd";
import { CentrePlan } from "../components/centres/CentrePlan";
import { PageTitle } from "../components/PageTitle";
import { useT } from "../i18n/messages";

export default function CentrePlanPage({ centreId }: { centreId: number }) {
  const t = useT();
  return (
    <Flex vertical gap={16} data-testid="centre-plan-page">
      <PageTitle>{t("plan.title")}</PageTitle>
      <CentrePlan centreId={centreId} />
    </Flex>
  );
}
