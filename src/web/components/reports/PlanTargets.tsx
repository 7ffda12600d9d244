/**
 * A plan's targets on /bao-cao (docs/REPORTS.md, "Chỉ tiêu của kế hoạch"): one row per title (or the Hội) and year
 * with the rate; part of the document fields, saved with them (each change of a row, on leaving a number box).
 * Issuing the plan makes them the unit's local targets.
 */
import { Button, Flex, InputNumber, Select, Table, Typography } from "antd";
import type { PlanTarget } from "../../../shared/plan-targets";
import { subjectLabels, targetSubjects } from "../../../shared/stats";
import { useT } from "../../i18n/messages";

export function PlanTargets(props: {
  value: PlanTarget[];
  year: number;
  disabled: boolean;
  onChange: (next: PlanTarget[], save: boolean) => void;
}) {
  const t = useT();
  const { value, disabled, onChange } = props;
  const set = (i: number, patch: Partial<PlanTarget>, save: boolean) =>
    onChange(
      value.map((row, j) => (j === i ? { ...row, ...patch } : row)),
      save,
    );
  const blurSave = () => onChange(value, true);
  return (
    <Flex vertical gap={8} data-testid="plan-targets">
      <Typography.Text strong>{t("plan.targets")}</Typography.Text>
      <Typography.Text type="secondary">{t("plan.targetsHelp")}</Typography.Text>
      <Table<PlanTarget & { key: number }>
        size="small"
        pagination={false}
        scroll={{ x: "max-content" }}
        dataSource={value.map((row, key) => ({ ...row, key }))}
        columns={[
          {
            title: t("plan.title"),
            render: (_, row) => (
              <Select
                aria-label={t("plan.title")}
                value={row.title}
                disabled={disabled}
                style={{ minWidth: 220 }}
                onChange={(title) => set(row.key, { title, metric: undefined }, true)}
                options={targetSubjects.map((s) => ({ value: s, label: subjectLabels[s] }))}
                data-testid={`plan-target-title-${row.key}`}
              />
            ),
          },
          {
            title: t("plan.year"),
            render: (_, row) => (
              <InputNumber
                aria-label={t("plan.year")}
                value={row.year}
                disabled={disabled}
                min={2000}
                max={2100}
                onChange={(year) => set(row.key, { year: Number(year) }, false)}
                onBlur={blurSave}
              />
            ),
          },
          {
            title: t("plan.value"),
            render: (_, row) => (
              <InputNumber
                aria-label={t("plan.value")}
                value={row.value}
                disabled={disabled}
                decimalSeparator=","
                step={0.5}
                onChange={(v) => set(row.key, { value: v === null ? Number.NaN : Number(v) }, false)}
                onBlur={blurSave}
                data-testid={`plan-target-value-${row.key}`}
              />
            ),
          },
          {
            title: "",
            render: (_, row) => (
              <Button
                danger
                size="small"
                disabled={disabled}
                onClick={() =>
                  onChange(
                    value.filter((_, j) => j !== row.key),
                    true,
                  )
                }
              >
                {t("plan.remove")}
              </Button>
            ),
          },
        ]}
      />
      <div>
        <Button
          disabled={disabled}
          onClick={() => onChange([...value, { title: "learning_family", year: props.year, value: 0 }], true)}
          data-testid="plan-target-add"
        >
          {t("plan.add")}
        </Button>
      </div>
    </Flex>
  );
}
