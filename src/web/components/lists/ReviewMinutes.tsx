/** The review minutes (.docx) of the unit's meeting for the title and year: a button and a form of its inputs. */
import { FileWordOutlined } from "@ant-design/icons";
import { Button, DatePicker, Form, Input, Modal, Tooltip, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { reviewMinutesDefaults } from "../../../shared/lists";
import { isRecognitionTitle } from "../../../shared/rubric";
import { listsApi } from "../../api/lists";
import { useT } from "../../i18n/messages";
import type { CycleContext } from "../cycle/common";

type Values = {
  heldOn?: Dayjs | null;
  place?: string;
  chairName?: string;
  chairTitle?: string;
  secretaryName?: string;
  attendees?: string;
};

export function ReviewMinutesButton({ context }: { context: CycleContext }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Values>({ chairTitle: reviewMinutesDefaults.chairTitle });
  const unit = context.scope.unit;
  const title = context.title;
  if (!isRecognitionTitle(title) || (unit.level !== "commune" && unit.level !== "village")) return null;
  const reviewed = context.registrations.some((r) => r.reviewId !== null);
  const trimmed = (v?: string) => v?.trim() || undefined;
  const href = listsApi.reviewMinutesUrl(unit.id, {
    year: context.year,
    title,
    heldOn: values.heldOn?.format("YYYY-MM-DD"),
    place: trimmed(values.place),
    chairName: trimmed(values.chairName),
    chairTitle: trimmed(values.chairTitle),
    secretaryName: trimmed(values.secretaryName),
    attendees: trimmed(values.attendees),
  });
  const button = (
    <Button
      icon={<FileWordOutlined />}
      disabled={!reviewed}
      onClick={() => setOpen(true)}
      data-testid="review-minutes"
    >
      {t("minutes.button")}
    </Button>
  );
  return (
    <>
      {reviewed ? button : <Tooltip title={t("minutes.none")}>{button}</Tooltip>}
      <Modal
        open={open}
        title={t("minutes.title")}
        onCancel={() => setOpen(false)}
        footer={
          <Button
            type="primary"
            icon={<FileWordOutlined />}
            href={href}
            onClick={() => setOpen(false)}
            data-testid="review-minutes-download"
          >
            {t("minutes.download")}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t("minutes.help")}</Typography.Paragraph>
        <Form<Values> layout="vertical" initialValues={values} onValuesChange={(_, all) => setValues(all)}>
          <Form.Item name="heldOn" label={t("minutes.heldOn")}>
            <DatePicker format="DD/MM/YYYY" inputReadOnly style={{ width: "100%", maxWidth: 240 }} />
          </Form.Item>
          <Form.Item name="place" label={t("minutes.place")}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="chairName" label={t("minutes.chairName")}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="chairTitle" label={t("minutes.chairTitle")}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="secretaryName" label={t("minutes.secretaryName")}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="attendees" label={t("minutes.attendees")}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
