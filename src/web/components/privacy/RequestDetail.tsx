/**
 * One request: who and what, the due date; "find everything about this person" (name without diacritics, birth
 * year, village) over every registry and module of the commune, the records chosen and linked; the copy (Excel,
 * JSON); the answer: acknowledged, done, refused with a reason, or for a deletion the erasure (pseudonym where a
 * rule forbids deleting), whose outcome the request keeps.
 */
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import type { PersonMatch } from "../../../shared/privacy-requests";
import { type DataRequest, dataRequestApi } from "../../api/privacy-requests";
import { formatDate } from "../../format";
import { useLang, useT } from "../../i18n/messages";
import { useCompact } from "../useCompact";
import { useSaveErrors } from "../useSubmit";
import { channelLabel, kindLabel, sourceLabel, statusColors, statusLabel } from "./labels";

const keyOf = (m: { source: string; id: number }) => `${m.source}-${m.id}`;

export function RequestDetail({
  request,
  onChanged,
}: {
  request: DataRequest;
  onChanged: (r: DataRequest) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const compact = useCompact();
  const { message } = App.useApp();
  const saveFailed = useSaveErrors();
  const [name, setName] = useState(request.personName);
  const [birthYear, setBirthYear] = useState<number | null>(request.birthYear);
  const [matches, setMatches] = useState<PersonMatch[] | null>(null);
  const [selected, setSelected] = useState<string[]>(request.records.map(keyOf));
  const [busy, setBusy] = useState(false);
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState("");
  const open = request.status === "received" || request.status === "acknowledged";

  const act = async (work: () => Promise<DataRequest>, done: string) => {
    setBusy(true);
    try {
      onChanged(await work());
      void message.success(done);
    } catch (err) {
      saveFailed(err);
    } finally {
      setBusy(false);
    }
  };
  const search = async () => {
    setBusy(true);
    try {
      const found = await dataRequestApi.matches(request, {
        name,
        birthYear: birthYear ?? undefined,
        villageId: request.village?.id,
      });
      setMatches(found);
      setSelected((s) => [...new Set([...s, ...found.map(keyOf)])]);
    } catch (err) {
      saveFailed(err);
    } finally {
      setBusy(false);
    }
  };
  const link = () => {
    const chosen = (matches ?? []).filter((m) => selected.includes(keyOf(m)));
    const kept = request.records.filter(
      (r) => selected.includes(keyOf(r)) && !chosen.some((m) => keyOf(m) === keyOf(r)),
    );
    void act(
      () =>
        dataRequestApi.link(
          request,
          request.version,
          [...kept, ...chosen].map(({ source, id }) => ({ source, id })),
        ),
      t("dsr.linkedSaved"),
    );
  };
  const setStatus = (status: "acknowledged" | "done") =>
    act(() => dataRequestApi.update(request, { version: request.version, status }), t("dsr.updated"));
  const refuse = () =>
    act(
      () =>
        dataRequestApi.update(request, {
          version: request.version,
          status: "refused",
          refusalReason: reason,
        }),
      t("dsr.updated"),
    ).then(() => setRefusing(false));

  const noRecords = request.records.length === 0;
  return (
    <Card
      size="small"
      data-testid="dsr-detail"
      title={`${request.personName} · ${kindLabel(request.kind, lang)}`}
    >
      <Flex vertical gap={12}>
        <Descriptions size="small" column={compact ? 1 : 3}>
          <Descriptions.Item label={t("dsr.receivedOn")}>
            {formatDate(request.receivedOn)} ({channelLabel(request.channel, lang)})
          </Descriptions.Item>
          <Descriptions.Item label={t("dsr.due")}>
            <span data-testid="dsr-due">{formatDate(request.dueOn)}</span>
            {request.overdue && (
              <Tag color="red" style={{ marginLeft: 4 }}>
                {t("dsr.overdue")}
              </Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t("dsr.status")}>
            <Tag color={statusColors[request.status]} data-testid="dsr-status">
              {statusLabel(request.status, lang)}
            </Tag>
          </Descriptions.Item>
          {request.village && (
            <Descriptions.Item label={t("dsr.village")}>{request.village.name}</Descriptions.Item>
          )}
          {request.birthYear && (
            <Descriptions.Item label={t("dsr.birthYear")}>{request.birthYear}</Descriptions.Item>
          )}
        </Descriptions>
        {request.refusalReason && <Alert type="warning" showIcon title={request.refusalReason} />}
        {request.outcome && (
          <Card size="small" title={t("dsr.outcome")}>
            <Typography.Paragraph
              style={{ whiteSpace: "pre-wrap", marginBottom: 0 }}
              data-testid="dsr-outcome"
            >
              {request.outcome}
            </Typography.Paragraph>
          </Card>
        )}
        {open && (
          <Flex vertical gap={8}>
            <Typography.Text strong>{t("dsr.find")}</Typography.Text>
            <Flex gap={8} wrap>
              <Input
                value={name}
                onChange={(e) => setName(e.target.value)}
                style={{ flex: "1 1 200px" }}
                aria-label={t("dsr.person")}
                data-testid="dsr-search-name"
              />
              <InputNumber
                value={birthYear}
                onChange={(v) => setBirthYear(v)}
                placeholder={t("dsr.birthYear")}
                min={1900}
                max={2100}
                aria-label={t("dsr.birthYear")}
              />
              <Button onClick={() => void search()} loading={busy} data-testid="dsr-search">
                {t("dsr.search")}
              </Button>
            </Flex>
            {matches && (
              <Table<PersonMatch>
                size="small"
                rowKey={keyOf}
                dataSource={matches}
                pagination={false}
                data-testid="dsr-matches"
                locale={{ emptyText: t("dsr.noMatch") }}
                scroll={compact ? undefined : { x: "max-content" }}
                rowSelection={{
                  selectedRowKeys: selected,
                  onChange: (keys) => setSelected(keys as string[]),
                }}
                columns={[
                  {
                    key: "source",
                    title: t("dsr.source"),
                    render: (_, m) => (
                      <Flex vertical gap={0}>
                        <Typography.Text strong>{m.name}</Typography.Text>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {sourceLabel(m.source, lang)}
                          {m.village ? ` · ${m.village}` : ""}
                          {m.birthYear ? ` · ${m.birthYear}` : ""}
                        </Typography.Text>
                      </Flex>
                    ),
                  },
                  { key: "detail", title: t("dsr.detail"), render: (_, m) => m.detail },
                  ...(compact
                    ? []
                    : [
                        {
                          key: "hold",
                          title: t("dsr.hold"),
                          render: (_: unknown, m: PersonMatch) => m.hold ?? "",
                        },
                      ]),
                ]}
              />
            )}
            {matches && matches.length > 0 && (
              <Button
                onClick={link}
                loading={busy}
                data-testid="dsr-link"
                style={{ alignSelf: "flex-start" }}
              >
                {t("dsr.link")}
              </Button>
            )}
          </Flex>
        )}
        <Typography.Text strong data-testid="dsr-linked">
          {t("dsr.linked", { count: request.records.length })}
        </Typography.Text>
        {request.records.length > 0 && (
          <Flex gap={4} wrap>
            {request.records.map((r) => (
              <Tag key={keyOf(r)} style={{ whiteSpace: "normal" }}>
                {sourceLabel(r.source, lang)}: {r.name}
              </Tag>
            ))}
          </Flex>
        )}
        <Flex gap={8} wrap>
          <Button
            href={dataRequestApi.copyUrl(request, "xlsx")}
            disabled={noRecords}
            data-testid="dsr-copy-xlsx"
          >
            {t("dsr.copyXlsx")}
          </Button>
          <Button
            href={dataRequestApi.copyUrl(request, "json")}
            disabled={noRecords}
            data-testid="dsr-copy-json"
          >
            {t("dsr.copyJson")}
          </Button>
          {open && request.status === "received" && (
            <Button
              onClick={() => void setStatus("acknowledged")}
              loading={busy}
              data-testid="dsr-acknowledge"
            >
              {t("dsr.acknowledge")}
            </Button>
          )}
          {open && request.kind !== "deletion" && (
            <Button
              type="primary"
              onClick={() => void setStatus("done")}
              disabled={noRecords}
              title={noRecords ? t("dsr.needRecords") : undefined}
              loading={busy}
              data-testid="dsr-done"
            >
              {t("dsr.done")}
            </Button>
          )}
          {open && request.kind === "deletion" && (
            <Popconfirm
              title={t("dsr.eraseConfirm")}
              disabled={noRecords}
              onConfirm={() =>
                void act(() => dataRequestApi.erase(request, request.version), t("dsr.erased"))
              }
            >
              <Button type="primary" danger disabled={noRecords} loading={busy} data-testid="dsr-erase">
                {t("dsr.erase")}
              </Button>
            </Popconfirm>
          )}
          {open && (
            <Button onClick={() => setRefusing(true)} data-testid="dsr-refuse">
              {t("dsr.refuse")}
            </Button>
          )}
        </Flex>
        {open && noRecords && (
          <Typography.Text type="secondary" data-testid="dsr-need-records">
            {t("dsr.needRecords")}
          </Typography.Text>
        )}
      </Flex>
      <Modal
        open={refusing}
        title={t("dsr.refuse")}
        onOk={() => void refuse()}
        onCancel={() => setRefusing(false)}
        okButtonProps={{ disabled: !reason.trim() }}
      >
        <Input.TextArea
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-label={t("dsr.refuseReason")}
          placeholder={t("dsr.refuseReason")}
        />
      </Modal>
    </Card>
  );
}
