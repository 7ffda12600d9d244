/**
 * What the dashboard's sections of figures kept per commune share (the Hội, the funds): their figures and ten-year
 * series read together for a unit (or the nation) and a year, and the buttons that download the same table as
 * Excel and CSV.
 */
import { DownloadOutlined, FileExcelOutlined } from "@ant-design/icons";
import { Button, Card, Flex, Typography } from "antd";
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
