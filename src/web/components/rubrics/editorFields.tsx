/** The small parts the rubric editor's sections share: the "chưa xác minh" flag, remove button, rules, key field. */
import { CheckOutlined, DeleteOutlined } from "@ant-design/icons";
import { Button, Flex, Form, Input } from "antd";
import { useT } from "../../i18n/messages";
import { UnconfirmedTag } from "../cycle/common";

/** The "chưa xác minh" mark of one value, with the button that confirms it (clears the flag). */
function UnconfirmedFlag({ value, onChange }: { value?: boolean; onChange?: (value: boolean) => void }) {
  const t = useT();
  if (!value) return null;
  return (
    <Flex gap={4} align="center" wrap>
      <UnconfirmedTag />
      <Button
        size="small"
        icon={<CheckOutlined />}
        onClick={() => onChange?.(false)}
        data-testid="confirm-value"
      >
        {t("rubrics.confirm")}
      </Button>
    </Flex>
  );
}

/** `name` is relative to the enclosing Form.List, as for any field inside one. */
export const Flag = ({ name }: { name: (string | number)[] }) => (
  <Form.Item name={[...name, "unconfirmed"]} noStyle>
    <UnconfirmedFlag />
  </Form.Item>
);

export const tight = { marginBottom: 8 };

export function RemoveButton({ onClick, testId }: { onClick: () => void; testId?: string }) {
  const t = useT();
  return (
    <Button
      size="small"
      danger
      icon={<DeleteOutlined />}
      onClick={onClick}
      aria-label={t("rubrics.editor.remove")}
      data-testid={testId}
    />
  );
}

/** The rules of a required text and of a required number, with the message in the user's language. */
export function useRules() {
  const t = useT();
  return {
    required: [{ required: true, whitespace: true, message: t("decision.required") }],
    requiredNumber: [{ required: true, message: t("decision.required") }],
  };
}

/** The key of a criterion or an item. */
export function KeyField({ name }: { name: (string | number)[] }) {
  const t = useT();
  const { required } = useRules();
  return (
    <Form.Item name={name} label={t("rubrics.editor.key")} rules={required} style={tight}>
      <Input maxLength={40} />
    </Form.Item>
  );
}
