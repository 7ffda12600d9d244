import { FormOutlined } from "@ant-design/icons";
import { Button, Flex, Table, type TableColumnsType, Typography } from "antd";
import { useEffect, useState } from "react";
import { allows } from "../../../shared/capabilities";
import type { Registration } from "../../../shared/cycle";
import { resultOf } from "../../api/cycle";
import { useT } from "../../i18n/messages";
import { setQuery, useLocation } from "../../router";
import { canOn, placed, RoleNote } from "../Capability";
import { useCompact } from "../useCompact";
import { type CycleContext, StatusTag, subjectText, UnconfirmedTag, useResultLabel } from "./common";
import { ScoreSheet } from "./ScoreSheet";

/** Step 2: the registrations with their status and result; one opens as a score sheet. */
export function AssessTab({ context }: { context: CycleContext }) {
  const t = useT();
  const resultLabel = useResultLabel();
  const { search } = useLocation();
  // Opened on a sheet from the review list (?sheet=<id>); once closed, the address forgets it. The sheet's own
  // leave guard is gone by then (a child's cleanup runs before this effect).
  const [openId, setOpenId] = useState<number | null>(() => Number(search.get("sheet")) || null);
  const linked = search.get("sheet");
  useEffect(() => {
    if (openId === null && linked) setQuery({ sheet: null });
  }, [openId, linked]);
  const open = context.registrations.find((r) => r.id === openId) ?? null;
  const can = canOn(context.scope, "unit");
  const canWrite = allows(can, "cycle.assess");
  const roleNote = <RoleNote action="cycle.assess" can={can} unit={placed(context.scope, "unit")} />;
  const compact = useCompact();

  if (open)
    return (
      <ScoreSheet
        // A reloaded version (after a stale save) starts the sheet afresh from the stored assessment.
        key={`${open.id}-${open.version}`}
        registration={open}
        canWrite={canWrite}
        roleNote={roleNote}
        onBack={() => setOpenId(null)}
        onSaved={(saved) => {
          setOpenId(null);
          context.changed(saved);
        }}
        onReloaded={(fresh) => context.changed(fresh)}
      />
    );

  const subject = (r: Registration) => (
    <Flex vertical>
      <span>{subjectText(r)}</span>
      {r.village && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {r.village.name}
        </Typography.Text>
      )}
    </Flex>
  );
  const outcome = (r: Registration) => {
    const result = resultOf(r);
    if (!result?.label) return null;
    return (
      <Flex vertical data-testid="registration-result">
        <Typography.Text type={r.passed ? "success" : undefined}>{resultLabel(result)}</Typography.Text>
        {result.scheme === "points" && result.total !== undefined && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("sheet.total", { total: result.total, max: result.maxPoints ?? "?" })}
          </Typography.Text>
        )}
      </Flex>
    );
  };
  const action = (r: Registration) => {
    const editable = canWrite && (r.status === "registered" || r.status === "assessed");
    return (
      <Button
        size="small"
        type={r.status === "registered" ? "primary" : "default"}
        icon={<FormOutlined />}
        onClick={() => setOpenId(r.id)}
        data-testid="open-assessment"
      >
        {editable ? t("assess.open") : t("assess.view")}
      </Button>
    );
  };
  const columns: TableColumnsType<Registration> = compact
    ? [
        {
          key: "subject",
          title: t("cycle.subject"),
          render: (_, r) => (
            <Flex vertical gap={4} align="flex-start">
              {subject(r)}
              <StatusTag status={r.status} />
              {outcome(r)}
            </Flex>
          ),
        },
        { key: "actions", title: "", render: (_, r) => action(r) },
      ]
    : [
        { key: "subject", title: t("cycle.subject"), render: (_, r) => subject(r) },
        { key: "status", title: t("cycle.status"), render: (_, r) => <StatusTag status={r.status} /> },
        { key: "result", title: t("cycle.result"), render: (_, r) => outcome(r) },
        { key: "actions", title: t("common.actions"), render: (_, r) => action(r) },
      ];

  const unconfirmed = context.registrations.some((r) => r.rubric.unconfirmed);
  return (
    <Flex vertical gap={12}>
      {roleNote}
      {unconfirmed && (
        <Typography.Text type="secondary">
          <UnconfirmedTag /> {t("sheet.unconfirmedSet")}
        </Typography.Text>
      )}
      <div data-testid="assess-table">
        <Table<Registration>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={context.registrations}
          pagination={
            context.registrations.length > 50
              ? { pageSize: 50, showSizeChanger: false, size: "small" }
              : false
          }
          scroll={compact ? undefined : { x: "max-content" }}
          locale={{ emptyText: t("assess.empty") }}
        />
      </div>
    </Flex>
  );
}
