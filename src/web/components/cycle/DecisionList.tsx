import {
  DeleteOutlined,
  FileWordOutlined,
  RollbackOutlined,
  SafetyCertificateOutlined,
} from "@ant-design/icons";
import { Alert, App, Button, Flex, Popconfirm, Table, type TableColumnsType, Tag, Typography } from "antd";
import { useState } from "react";
import { allows, type Can } from "../../../shared/capabilities";
import type { Decision } from "../../../shared/cycle";
import { isRatingTitle } from "../../../shared/rubric";
import type { RowRef } from "../../api/client";
import { cycleApi } from "../../api/cycle";
import { errorText, staleOf } from "../../errors";
import { formatDate } from "../../format";
import { useT } from "../../i18n/messages";
import { useMe } from "../../session";
import { useRoleNames, WhyNot } from "../Capability";
import { useCompact } from "../useCompact";
import { useSaveErrors } from "../useSubmit";
import { CertificatesButton } from "./CertificatesButton";
import { RevocationDraft } from "./RevocationDraft";

type Props = {
  decisions: Decision[];
  onDone: () => void;
  /** The caller's permissions on the commune: which actions are offered (the server checks again). */
  can: Can;
};

/**
 * The decisions of the commune for the year and title: issue or cancel drafts, print the certificates of issued
 * recognitions, draft the revocation of an issued recognition.
 */
export function DecisionList({ decisions, onDone, can }: Props) {
  const t = useT();
  const me = useMe();
  const roleNames = useRoleNames();
  const canDraft = allows(can, "cycle.draft");
  const canIssue = allows(can, "cycle.issue");
  const { message } = App.useApp();
  const saveFailed = useSaveErrors();
  const [busyId, setBusyId] = useState<number | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<Decision | null>(null);
  const compact = useCompact();

  /** Runs one action on a decision; a refusal stays shown above the list. */
  const act = async (
    decision: Decision,
    call: (decision: RowRef, version: number) => Promise<unknown>,
    done: string,
  ) => {
    setBusyId(decision.id);
    setRefusal(null);
    try {
      await call(decision, decision.version);
      void message.success(done);
      onDone();
    } catch (err) {
      // Someone issued or cancelled it meanwhile: the shared dialog offers to reload the list.
      if (staleOf(err)) saveFailed(err, { reload: onDone });
      else {
        const text = errorText(err, t);
        setRefusal(text);
        void message.error(text);
      }
    } finally {
      setBusyId(null);
    }
  };
  const cancel = (d: Decision) =>
    act(d, cycleApi.cancelDecision, t("decision.cancelled", { number: d.number }));
  const issue = (d: Decision) => act(d, cycleApi.issueDecision, t("decision.issued", { number: d.number }));

  const info = (d: Decision) => (
    <Flex vertical>
      <Typography.Text strong>{d.number}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDate(d.signedOn)} · {t(`decision.kind.${d.kind}`)} ·{" "}
        {t("decision.count", { count: d.registrationCount })}
      </Typography.Text>
      <Typography.Link
        href={cycleApi.decisionDocumentUrl(d)}
        download
        style={{ fontSize: 12 }}
        data-testid="decision-document"
      >
        <FileWordOutlined /> {t("decision.document")}
      </Typography.Link>
    </Flex>
  );
  const status = (d: Decision) => (
    <Flex vertical gap={2}>
      <Tag
        color={d.status === "issued" ? "green" : "gold"}
        style={{ width: "fit-content" }}
        data-testid="decision-status"
      >
        {t(`decision.status.${d.status}`)}
      </Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("decision.createdBy", { name: d.createdBy })}
      </Typography.Text>
      {d.issuedBy && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("decision.issuedBy", { name: d.issuedBy })}
        </Typography.Text>
      )}
    </Flex>
  );
  /** Issuing: offered to approvers, disabled on their own draft; others read who issues it. */
  const issueAction = (d: Decision) => {
    if (!canIssue)
      return (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="why-issue">
          {t("why.issue.waiting", { roles: roleNames("cycle.issue") })}
        </Typography.Text>
      );
    const own = d.createdById === me.id;
    return (
      <WhyNot reason={own ? t("why.issue.ownDraft") : null} testId="why-issue">
        <Popconfirm
          title={t("decision.issueConfirm", { number: d.number })}
          okText={t("decision.issue")}
          cancelText={t("common.cancel")}
          onConfirm={() => issue(d)}
          disabled={own}
          styles={{ root: { maxWidth: 320 } }}
        >
          <Button
            type="primary"
            size="small"
            icon={<SafetyCertificateOutlined />}
            loading={busyId === d.id}
            disabled={own}
            data-testid="issue-decision"
          >
            {t("decision.issue")}
          </Button>
        </Popconfirm>
      </WhyNot>
    );
  };
  const actions = (d: Decision) =>
    d.status === "draft" ? (
      <Flex wrap gap={4} align="flex-start">
        {issueAction(d)}
        {canDraft && (
          <Popconfirm
            title={t("decision.cancelConfirm", { number: d.number })}
            okText={t("decision.cancel")}
            okButtonProps={{ danger: true }}
            cancelText={t("decision.keep")}
            onConfirm={() => cancel(d)}
            styles={{ root: { maxWidth: 320 } }}
          >
            <Button
              size="small"
              danger
              icon={<DeleteOutlined />}
              disabled={busyId === d.id}
              data-testid="cancel-decision"
            >
              {t("decision.cancel")}
            </Button>
          </Popconfirm>
        )}
      </Flex>
    ) : d.kind === "recognition" ? (
      <Flex wrap gap={4}>
        {/* A rating (xếp loại TTHTCĐ) is written in the decision: no certificates to print. */}
        {!isRatingTitle(d.title) && <CertificatesButton decision={d} />}
        {canDraft && (
          <Button
            size="small"
            danger
            icon={<RollbackOutlined />}
            onClick={() => setRevoking(d)}
            data-testid="revoke-decision"
          >
            {t("decision.revoke")}
          </Button>
        )}
      </Flex>
    ) : null;
  const columns: TableColumnsType<Decision> = compact
    ? [
        {
          key: "number",
          title: t("decision.number"),
          render: (_, d) => (
            <Flex vertical gap={4}>
              {info(d)}
              {status(d)}
            </Flex>
          ),
        },
        { key: "actions", title: "", render: (_, d) => actions(d) },
      ]
    : [
        { key: "number", title: t("decision.number"), render: (_, d) => info(d) },
        { key: "status", title: t("cycle.status"), render: (_, d) => status(d) },
        { key: "actions", title: t("common.actions"), render: (_, d) => actions(d) },
      ];

  return (
    <>
      {refusal && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setRefusal(null) }}
          title={refusal}
          data-testid="issue-error"
        />
      )}
      <div data-testid="decision-table">
        <Table<Decision>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={decisions}
          pagination={false}
          scroll={compact ? undefined : { x: "max-content" }}
          locale={{ emptyText: t("decision.none") }}
        />
      </div>
      {revoking && <RevocationDraft decision={revoking} onClose={() => setRevoking(null)} onDone={onDone} />}
    </>
  );
}
