/** A centre's decisions, oldest first, with the signature as NĐ 30 writes it; "Thêm quyết định" for its officers. */
import { PlusOutlined } from "@ant-design/icons";
import { Button, Flex, List, Tag, Typography } from "antd";
import { useState } from "react";
import { formatDate } from "../../format";
import { useT } from "../../i18n/messages";
import { WhyNot } from "../Capability";
import { CentreDecisionDialog } from "./CentreDecisionDialog";
import type { CentreTabContext } from "./centre-tabs";

export function CentreDecisions({ history, canEdit, reload }: CentreTabContext) {
  const t = useT();
  const [adding, setAdding] = useState(false);
  return (
    <Flex vertical gap={12} align="flex-start">
      <WhyNot reason={canEdit ? null : t("centre.editWho")} testId="decision-why">
        <Button
          type="primary"
          icon={<PlusOutlined />}
          disabled={!canEdit || history.centre.archivedReason === "mistake"}
          onClick={() => setAdding(true)}
          data-testid="decision-add"
        >
          {t("centre.decision.add")}
        </Button>
      </WhyNot>
      {history.decisions.length === 0 ? (
        <Typography.Text type="secondary">{t("centre.decisions.none")}</Typography.Text>
      ) : (
        <List
          size="small"
          style={{ alignSelf: "stretch" }}
          dataSource={history.decisions}
          data-testid="decision-list"
          renderItem={(d) => (
            <List.Item data-testid="decision">
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Flex gap={8} wrap align="center">
                  <Tag>{t(`centre.decision.kind.${d.kind}`)}</Tag>
                  <strong>
                    {d.number} · {formatDate(d.signedOn)}
                  </strong>
                </Flex>
                {d.summary && <span style={{ overflowWrap: "anywhere" }}>{d.summary}</span>}
                <Typography.Text type="secondary">
                  {d.issuer} ·{" "}
                  {t("centre.decision.signedBy", {
                    authority: d.signature.authority.replace(/\n/g, " / "),
                    title: d.signature.title,
                    name: d.signerName,
                  }).trim()}
                </Typography.Text>
                {d.predecessors.length > 0 && (
                  <Typography.Text type="secondary">
                    {t("centre.decision.merged", {
                      names: d.predecessors.map((p) => `${p.name} (${p.communeName})`).join("; "),
                    })}
                  </Typography.Text>
                )}
              </Flex>
            </List.Item>
          )}
        />
      )}
      {adding && (
        <CentreDecisionDialog
          centre={history.centre}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            reload();
          }}
        />
      )}
    </Flex>
  );
}
