/** The two Word documents of a commune's learning community file under Circular 25/2023. */
import { FileWordOutlined } from "@ant-design/icons";
import { Button, Card, Col, DatePicker, Flex, Form, Input, Row } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import type { RowRef } from "../../api/client";
import { cycleApi } from "../../api/cycle";
import { todayIso } from "../../format";
import { useT } from "../../i18n/messages";

/** `registration`: the commune's registration, named with its commune in both links. */
export function Tt25Documents({ registration }: { registration: RowRef }) {
  const t = useT();
  const [date, setDate] = useState<Dayjs>(() => dayjs(todayIso()));
  const [signerName, setSignerName] = useState("");
  const [signerTitle, setSignerTitle] = useState("CHỦ TỊCH");
  const query = { date: date.format("YYYY-MM-DD"), signerName, signerTitle };

  return (
    <Card size="small" title={t("tt25.title")} data-testid="tt25-documents">
      <Form layout="vertical">
        <Row gutter={8}>
          <Col xs={24} sm={8}>
            <Form.Item label={t("tt25.date")} style={{ marginBottom: 8 }}>
              <DatePicker
                value={date}
                onChange={(value) => setDate(value ?? dayjs(todayIso()))}
                format="DD/MM/YYYY"
                allowClear={false}
                style={{ width: "100%" }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item label={t("tt25.signerName")} style={{ marginBottom: 8 }}>
              <Input value={signerName} onChange={(e) => setSignerName(e.target.value)} maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item label={t("tt25.signerTitle")} style={{ marginBottom: 8 }}>
              <Input value={signerTitle} onChange={(e) => setSignerTitle(e.target.value)} maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Flex wrap gap={8}>
        <Button
          icon={<FileWordOutlined />}
          href={cycleApi.tt25Url(registration, "bao-cao-tu-danh-gia.docx", query)}
          data-testid="tt25-report"
        >
          {t("tt25.report")}
        </Button>
        <Button
          icon={<FileWordOutlined />}
          href={cycleApi.tt25Url(registration, "ban-tong-hop.docx", query)}
          data-testid="tt25-summary"
        >
          {t("tt25.summary")}
        </Button>
      </Flex>
    </Card>
  );
}
