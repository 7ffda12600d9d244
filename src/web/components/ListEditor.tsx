/**
 * The pieces of a list edited as a whole (a chapter's committee, a centre's staff): one bordered block per person,
 * and under them "add", the error of the last save, "save" and "cancel". Test ids are the caller's.
 */
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Flex, Typography } from "antd";
import type { ReactNode } from "react";
import { useT } from "../i18n/messages";

export function ListEditorBlock({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <Flex
      vertical
      gap={4}
      data-testid={testId}
      style={{ border: "1px solid rgba(5, 5, 5, 0.06)", borderRadius: 6, padding: 8 }}
    >
      {children}
    </Flex>
  );
}

/** The button that takes a person off the list being edited. */
export function ListEditorRemove(props: { label: string; onClick: () => void; testId?: string }) {
  return (
    <Button
      danger
      icon={<DeleteOutlined />}
      aria-label={props.label}
      title={props.label}
      onClick={props.onClick}
      data-testid={props.testId}
    />
  );
}

/** The row's field errors under its block, in the order of `fields`. */
export function ListEditorErrors({ errors }: { errors: (string | undefined)[] }) {
  return (
    <>
      {errors.map((e, i) =>
        e ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the fields are fixed, in a fixed order
          <Typography.Text key={i} type="danger" style={{ fontSize: 12 }}>
            {e}
          </Typography.Text>
        ) : null,
      )}
    </>
  );
}

export function ListEditorFooter(props: {
  add: { label: string; testId: string; onClick: () => void };
  error: string | null;
  errorTestId: string;
  save: { label: string; testId: string; onClick: () => void };
  saving: boolean;
  onCancel: () => void;
}) {
  const t = useT();
  return (
    <>
      <Button
        icon={<PlusOutlined />}
        onClick={props.add.onClick}
        style={{ alignSelf: "flex-start" }}
        data-testid={props.add.testId}
      >
        {props.add.label}
      </Button>
      {props.error && (
        <Typography.Text type="danger" data-testid={props.errorTestId}>
          {props.error}
        </Typography.Text>
      )}
      <Flex gap={8} wrap>
        <Button
          type="primary"
          loading={props.saving}
          onClick={props.save.onClick}
          data-testid={props.save.testId}
        >
          {props.save.label}
        </Button>
        <Button disabled={props.saving} onClick={props.onCancel}>
          {t("common.cancel")}
        </Button>
      </Flex>
    </>
  );
}
