/**
 * "Hạn riêng của tỉnh" on /tre-han (docs/DEADLINES.md, "Setting a date"): a province's administrators (and system
 * administrators, for the province chosen in the filter) set the province's own date for a commune or Hội deadline
 * from a data year, and see and delete its versions. Shown only to users whose grants allow it; the server checks
 * again (POST /deadlines).
 */
import { Alert, Button, Card, Flex, Form, List, Popconfirm, Select, Tag, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useCallback, useEffect, useState } from "react";
import type { EffectiveDeadline } from "../../../shared/deadlines";
import { deadlineApi } from "../../api/deadlines";
import { errorText } from "../../errors";
import { formatDate } from "../../format";
import { useT } from "../../i18n/messages";
import { useMe } from "../../session";
import { DateInput } from "../fund/common";

/** The province whose own dates the user may set: their province admin grant's, else (system) the filter's. */
export function useOwnProvince(filterProvince: number | null): number | null {
  const me = useMe();
  const system = me.grants.some((g) => g.role === "system_admin" && g.unit === null);
  const own =
    me.grants.find((g) => g.role === "unit_admin" && g.unit?.level === "province")?.unit?.id ?? null;
  return system ? filterProvince : own;
}

export function OwnDeadline(props: {
  provinceId: number;
  year: number;
  /** The calendar's commune and Hội deadlines of the year (the dates to start from). */
  deadlines: EffectiveDeadline[];
  onSaved: () => void;
}) {
  const t = useT();
  const { provinceId, year, deadlines, onSaved } = props;
  const [data, setData] = useState<Awaited<ReturnType<typeof deadlineApi.own>> | null>(null);
  const [choice, setChoice] = useState(0);
  const [date, setDate] = useState<Dayjs | null>(null);
  const [from, setFrom] = useState(year);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const load = useCallback(() => {
    deadlineApi.own(provinceId).then(setData, (err: unknown) => setError(errorText(err, t)));
  }, [provinceId, t]);
  useEffect(load, [load]);
  const picked = deadlines[choice];
  useEffect(() => {
    setDate(picked ? dayjs(picked.due) : null);
    setFrom(year);
  }, [picked, year]);
  if (!data?.mayEdit) return null;

  const save = async () => {
    if (!picked || !date) return;
    setError(null);
    setDone(false);
    const offset = date.year() - from;
    if (offset !== 0 && offset !== 1) {
      setError(`Ngày hạn phải trong năm số liệu ${from} hoặc năm sau (${from + 1})`);
      return;
    }
    const [day, month] = [date.date(), date.month() + 1];
    const keepStart =
      picked.startDay !== null &&
      picked.startMonth !== null &&
      picked.startMonth * 100 + picked.startDay <= month * 100 + day;
    try {
      await deadlineApi.set({
        provinceId,
        key: picked.key,
        level: picked.level,
        day,
        month,
        yearOffset: offset,
        validFrom: from,
        ...(keepStart ? { startDay: picked.startDay, startMonth: picked.startMonth } : {}),
      });
      setDone(true);
      load();
      onSaved();
    } catch (err) {
      setError(errorText(err, t));
    }
  };
  const remove = async (id: number) => {
    try {
      await deadlineApi.remove(id);
      load();
      onSaved();
    } catch (err) {
      setError(errorText(err, t));
    }
  };
  const years = Array.from({ length: 6 }, (_, i) => year - 2 + i);
  return (
    <Card size="small" title={`${t("deadlines.own")}: ${data.province.name}`} data-testid="own-deadline">
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t("deadlines.ownHelp")}</Typography.Text>
        <Flex wrap gap={12} align="end">
          <Form.Item
            label={t("deadlines.ownKey")}
            htmlFor="own-key"
            style={{ marginBottom: 0, minWidth: 240 }}
          >
            <Select<number>
              id="own-key"
              value={choice}
              onChange={setChoice}
              options={deadlines.map((d, i) => ({ value: i, label: t(`deadlines.key.${d.key}`) }))}
              data-testid="own-key"
            />
          </Form.Item>
          <Form.Item label={t("deadlines.ownDate")} htmlFor="own-date" style={{ marginBottom: 0 }}>
            <div data-testid="own-date">
              <DateInput id="own-date" value={date ?? undefined} onChange={setDate} />
            </div>
          </Form.Item>
          <Form.Item label={t("deadlines.ownFrom")} htmlFor="own-from" style={{ marginBottom: 0 }}>
            <Select<number>
              id="own-from"
              value={from}
              onChange={setFrom}
              options={years.map((y) => ({ value: y, label: String(y) }))}
              style={{ width: 110 }}
              data-testid="own-from"
            />
          </Form.Item>
          <Button type="primary" onClick={save} disabled={!picked || !date} data-testid="own-save">
            {t("deadlines.ownSave")}
          </Button>
        </Flex>
        {error && <Alert type="error" showIcon title={error} data-testid="own-error" />}
        {done && <Alert type="success" showIcon title={t("deadlines.ownSaved")} />}
        <Typography.Text strong>{t("deadlines.ownVersions")}</Typography.Text>
        <List
          size="small"
          dataSource={data.versions}
          locale={{ emptyText: t("deadlines.ownNone") }}
          data-testid="own-versions"
          renderItem={(v) => (
            <List.Item
              key={v.id}
              actions={[
                <Popconfirm
                  key="delete"
                  title={t("deadlines.ownDeleteConfirm")}
                  onConfirm={() => remove(v.id)}
                >
                  <Button size="small" danger>
                    {t("deadlines.ownDelete")}
                  </Button>
                </Popconfirm>,
              ]}
            >
              <Flex wrap gap={6} align="center">
                <Typography.Text strong>{t(`deadlines.key.${v.key}`)}</Typography.Text>
                <span>
                  {String(v.day).padStart(2, "0")}/{String(v.month).padStart(2, "0")}
                  {v.yearOffset === 1 ? ` (${t("deadlines.ownYearOffset")})` : ""}
                </span>
                <Tag>{`${t("deadlines.ownFrom")} ${v.validFrom}`}</Tag>
                <Typography.Text type="secondary">{formatDate(v.due)}</Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      </Flex>
    </Card>
  );
}
