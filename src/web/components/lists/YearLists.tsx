/** The year's lists of the title in the unit (registered, recognised) as Excel and printable PDF. */
import { FileExcelOutlined, FilePdfOutlined } from "@ant-design/icons";
import { Button, Flex, Typography } from "antd";
import type { YearListFile } from "../../../shared/lists";
import { isRecognitionTitle } from "../../../shared/rubric";
import { listsApi } from "../../api/lists";
import { useT } from "../../i18n/messages";
import type { CycleContext } from "../cycle/common";

export function YearLists({ context }: { context: CycleContext }) {
  const t = useT();
  const unit = context.scope.unit;
  const title = context.title;
  if (!isRecognitionTitle(title)) return null;
  if (unit.level !== "commune" && unit.level !== "village")
    return <Typography.Text type="secondary">{t("lists.levelNote")}</Typography.Text>;
  const link = (file: YearListFile) => listsApi.yearListUrl(unit.id, file, context.year, title);
  const pair = (list: "registered" | "recognized") => (
    <Flex wrap gap={4} align="center" key={list}>
      <Typography.Text>{t(`lists.${list}`)}:</Typography.Text>
      <Button
        size="small"
        icon={<FileExcelOutlined />}
        href={link(`${list}.xlsx`)}
        data-testid={`list-${list}-xlsx`}
      >
        Excel
      </Button>
      <Button
        size="small"
        icon={<FilePdfOutlined />}
        href={link(`${list}.pdf`)}
        data-testid={`list-${list}-pdf`}
      >
        PDF
      </Button>
    </Flex>
  );
  return (
    <Flex wrap gap={12} align="center" data-testid="year-lists">
      {pair("registered")}
      {pair("recognized")}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("lists.help")}
      </Typography.Text>
    </Flex>
  );
}
