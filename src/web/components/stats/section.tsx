/**
 * What the dashboard's sections of figures kept per commune share (the Hội, the funds, the centres, the
 * commendations): their figures and ten-year series read together for a unit (or the nation) and a year, the buttons
 * that download the same table as Excel and CSV, and the table of the unit's children.
 */
import { DownloadOutlined, FileExcelOutlined } from "@ant-design/icons";
import { Button, Card, Flex, Table, type TableColumnsType, Typography } from "antd";
import { type ReactNode, useEffect, useState } from "react";
import { BASE, request } from "../../api/client";
import { errorText } from "../../errors";
import { useT } from "../../i18n/messages";

const YEARS = 10;

export type SectionState<R, S> = { rollup?: R; series?: S; error?: string };

/**
 * GET /stats/<name> and /stats/<name>/series (the ten years up to `year`); null until they answer for this unit and
 * year. A change of `refresh` reads them again, the old figures staying on screen meanwhile.
 */
export function useSection<R, S>(
  name: string,
  unitId: number | undefined,
  year: number,
  refresh = 0,
): SectionState<R, S> | null {
  const t = useT();
  const key = `${unitId}-${year}`;
  const [state, setState] = useState<(SectionState<R, S> & { key: string }) | null>(null);
  const fetchKey = `${key}-${refresh}`;
  useEffect(() => {
    let live = true;
    const unit = unitId === undefined ? {} : { unitId };
    const shown = fetchKey.slice(0, fetchKey.lastIndexOf("-"));
    Promise.all([
      request<R>("GET", `/stats/${name}`, { query: { ...unit, year } }),
      request<S>("GET", `/stats/${name}/series`, { query: { ...unit, from: year - YEARS + 1, to: year } }),
    ]).then(
      ([rollup, series]) => live && setState({ key: shown, rollup, series }),
      (err: unknown) => live && setState({ key: shown, error: errorText(err, t) }),
    );
    return () => {
      live = false;
    };
  }, [name, unitId, year, fetchKey, t]);
  return state?.key === key ? state : null;
}

/** "Tải biểu Excel" and "Tải CSV" of GET /stats/<name>.xlsx and .csv for the unit (or the nation) and year. */
export function SectionDownloads({ name, unitId, year }: { name: string; unitId?: number; year: number }) {
  const t = useT();
  const query = new URLSearchParams({
    ...(unitId === undefined ? {} : { unitId: String(unitId) }),
    year: String(year),
  });
  return (
    <Flex wrap gap={8}>
      <Button
        size="small"
        icon={<FileExcelOutlined />}
        href={`${BASE}/stats/${name}.xlsx?${query}`}
        download
        data-testid={`${name}-xlsx`}
      >
        {t("stats.downloadXlsx")}
      </Button>
      <Button
        size="small"
        icon={<DownloadOutlined />}
        href={`${BASE}/stats/${name}.csv?${query}`}
        download
        data-testid={`${name}-csv`}
      >
        {t("stats.downloadCsv")}
      </Button>
    </Flex>
  );
}

/**
 * The section's frame: its title with the unit and the year, the day the figures are taken on, the downloads, then
 * its content.
 */
export function SectionCard({
  name,
  title,
  unitId,
  year,
  asOf,
  children,
}: {
  name: string;
  title: string;
  unitId?: number;
  year: number;
  asOf: string;
  children: ReactNode;
}) {
  return (
    <Card
      size="small"
      title={title}
      styles={{ title: { whiteSpace: "normal" } }}
      data-testid={`${name}-stats`}
    >
      <Flex vertical gap={12}>
        <Flex wrap gap={8} align="center" justify="space-between">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {asOf}
          </Typography.Text>
          <SectionDownloads name={name} unitId={unitId} year={year} />
        </Flex>
        {children}
      </Flex>
    </Card>
  );
}

/** A row of a section's table: a child unit (a link that opens it), the unit's own remainder, or a fund. */
export type SectionRow<F> = { key: string; label: string; unitId?: number; figures: F };

/** The rows of the children of a section's unit, then the unit's own row when there is one. */
export function sectionRows<F>(
  rollup: { children: readonly { unit: { id: number; name: string }; figures: F }[]; own: F | null },
  ownLabel: string,
): SectionRow<F>[] {
  return [
    ...rollup.children.map((c) => ({
      key: `u${c.unit.id}`,
      label: c.unit.name,
      unitId: c.unit.id,
      figures: c.figures,
    })),
    ...(rollup.own ? [{ key: "own", label: ownLabel, figures: rollup.own }] : []),
  ];
}

/** A section's table of rows with one right-aligned column per figure; nothing when there is no row. */
export function SectionTable<F>({
  rows,
  columns,
  onOpen,
  testId,
  labelTitle,
}: {
  rows: readonly SectionRow<F>[];
  columns: readonly { key: string; title: string; render: (figures: F) => ReactNode }[];
  onOpen: (unitId: number) => void;
  testId: string;
  /** The first column's title: "Đơn vị" unless told. */
  labelTitle?: string;
}) {
  const t = useT();
  if (rows.length === 0) return null;
  const tableColumns: TableColumnsType<SectionRow<F>> = [
    {
      key: "label",
      title: labelTitle ?? t("stats.unitColumn"),
      fixed: "left",
      render: (_, row) =>
        row.unitId === undefined ? (
          row.label
        ) : (
          <Typography.Link onClick={() => onOpen(row.unitId!)}>{row.label}</Typography.Link>
        ),
    },
    ...columns.map((c) => ({
      key: c.key,
      title: c.title,
      align: "right" as const,
      render: (_: unknown, row: SectionRow<F>) => c.render(row.figures),
    })),
  ];
  return (
    <Table
      size="small"
      rowKey="key"
      columns={tableColumns}
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: "max-content" }}
      data-testid={testId}
    />
  );
}
