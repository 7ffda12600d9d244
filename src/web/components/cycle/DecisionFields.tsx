/** The particulars of a decision (number, date signed, agency, signer), shared by the recognition and revocation drafts. */
import { Col, DatePicker, Form, Input, Row } from "antd";
import type { Dayjs } from "dayjs";
import { useT } from "../../i18n/messages";

/** The form values of the particulars. */
export type DecisionFieldValues = {
  number: string;
  signedOn: Dayjs;
  agencyName: string;
  signerTitle: string;
  signerName: string;
};

/** The particulars as the API takes them: trimmed texts, the date as YYYY-MM-DD. */
export function decisionParticulars(values: DecisionFieldValues) {
  return {
    number: values.number.trim(),
    signedOn: values.signedOn.format("YYYY-MM-DD"),
    agencyName: values.agencyName.trim(),
    signerTitle: values.signerTitle.trim(),
    signerName: values.signerName.trim(),
  };
}

type Props = {
  /** The prefix of the number and signer test ids ("decision-number", "revoke-signer"). */
  testIdPrefix: string;
  /** An example decision number. */
  numberPlaceholder: string;
  /** The signer's name on a row of its own (in a narrow dialog). */
  wideSigner?: boolean;
};

/** The fields of the particulars, inside the Form of a draft. */
export function DecisionFields({ testIdPrefix, numberPlaceholder, wideSigner = false }: Props) {
  const t = useT();
  const required = [{ required: true, whitespace: true, message: t("decision.required") }];
  return (
    <Row gutter={[12, 0]}>
      <Col xs={24} sm={12}>
        <Form.Item name="number" label={t("decision.number")} rules={required}>
          <Input maxLength={50} placeholder={numberPlaceholder} data-testid={`${testIdPrefix}-number`} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item
          name="signedOn"
          label={t("decision.signedOn")}
          rules={[{ required: true, message: t("decision.required") }]}
        >
          <DatePicker format="DD/MM/YYYY" inputReadOnly style={{ width: "100%" }} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="agencyName" label={t("decision.agency")} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="signerTitle" label={t("decision.signerTitle")} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={wideSigner ? 24 : 12}>
        <Form.Item name="signerName" label={t("decision.signerName")} rules={required}>
          <Input maxLength={200} data-testid={`${testIdPrefix}-signer`} />
        </Form.Item>
      </Col>
    </Row>
  );
}
