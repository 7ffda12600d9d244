/**
 * The "Đồng ý" panel of a person of a registry (a donor, member, beneficiary): per purpose that applies, whether a
 * consent is in force (since when, how, which notice, by whom; for a child, who consented for them), what stops
 * without it, the earlier withdrawn ones, the printable form, and recording or withdrawing one. Nothing is ticked
 * for the person: recording is an explicit action with the date and the notice shown.
 */
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useCallback, useEffect, useState } from "react";
import {
  type ConsentKind,
  type ConsentPurpose,
  consentMethods,
  currentNotice,
  guardianRelations,
  methodLabels,
  purposes,
  relationLabels,
} from "../../../shared/consent";
import { type Consent, type ConsentList, consentApi } from "../../api/consent";
import { errorText } from "../../errors";
import { formatDate, formatDateTime } from "../../format";
import { useLang, useT } from "../../i18n/messages";
import { useSubmit } from "../useSubmit";

type Props = { kind: ConsentKind; id: number; communeId: number; name: string; onClose: () => void };
type RecordValues = {
  givenAt: Dayjs;
  method: "paper" | "in_person" | "online";
  noticeVersion: string;
  guardianName?: string;
  guardianRelation?: (typeof guardianRelations)[number];
};

function RecordForm({
  subject,
  purpose,
  child,
  onDone,
}: {
  subject: { kind: ConsentKind; id: number };
  purpose: ConsentPurpose;
  child: boolean;
  onDone: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<RecordValues>();
  const { busy, run } = useSubmit();
  const submit = async (v: RecordValues) => {
    const body = { ...v, subject, purpose, givenAt: v.givenAt.format("YYYY-MM-DD") };
    if (await run(form, () => consentApi.record(body), t("consent.recorded"))) onDone();
  };
  const required = [{ required: true, message: t("consent.required") }];
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ givenAt: dayjs(), noticeVersion: currentNotice(purpose).version }}
      data-testid={`consent-form-${purpose}`}
    >
      <Flex wrap gap={8}>
        <Form.Item name="givenAt" label={t("consent.givenAt")} rules={required} style={{ flex: "1 1 140px" }}>
          <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="method" label={t("consent.method")} rules={required} style={{ flex: "1 1 200px" }}>
          <Select
            options={consentMethods
              .filter((m) => m !== "receipt")
              .map((m) => ({ value: m, label: methodLabels[m][lang] }))}
          />
        </Form.Item>
        <Form.Item
          name="noticeVersion"
          label={t("consent.noticeVersion")}
          rules={required}
          style={{ flex: "1 1 120px" }}
        >
          <Select options={purposes[purpose].notices.map((n) => ({ value: n.version, label: n.version }))} />
        </Form.Item>
      </Flex>
      {child && (
        <Flex wrap gap={8}>
          <Form.Item
            name="guardianName"
            label={t("consent.guardianName")}
            rules={required}
            style={{ flex: "2 1 220px" }}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="guardianRelation"
            label={t("consent.guardianRelation")}
            rules={required}
            style={{ flex: "1 1 140px" }}
          >
            <Select options={guardianRelations.map((r) => ({ value: r, label: relationLabels[r][lang] }))} />
          </Form.Item>
        </Flex>
      )}
      <Button type="primary" htmlType="submit" loading={busy} data-testid={`consent-save-${purpose}`}>
        {t("common.save")}
      </Button>
    </Form>
  );
}

function WithdrawForm({ consent, onDone }: { consent: Consent; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  const { busy, run } = useSubmit();
  const submit = async ({ reason }: { reason: string }) => {
    if (await run(form, () => consentApi.withdraw(consent, reason), t("consent.withdrawn"))) onDone();
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit}>
      <Form.Item
        name="reason"
        label={t("consent.reason")}
        rules={[{ required: true, whitespace: true, message: t("consent.required") }]}
      >
        <Input maxLength={500} />
      </Form.Item>
      <Button
        danger
        htmlType="submit"
        loading={busy}
        data-testid={`consent-withdraw-save-${consent.purpose}`}
      >
        {t("consent.withdraw")}
      </Button>
    </Form>
  );
}

export function ConsentDialog({ kind, id, communeId, name, onClose }: Props) {
  const t = useT();
  const { lang } = useLang();
  const [list, setList] = useState<ConsentList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<{ purpose: ConsentPurpose; action: "record" | "withdraw" } | null>(null);
  const load = useCallback(() => {
    consentApi.list(kind, id, communeId).then(setList, (err: unknown) => setError(errorText(err, t)));
  }, [kind, id, communeId, t]);
  useEffect(load, [load]);
  const done = () => {
    setOpen(null);
    load();
  };
  const line = (c: Consent) =>
    t("consent.since", {
      date: formatDate(c.givenAt),
      method: methodLabels[c.method][lang].toLowerCase(),
      version: c.noticeVersion,
      who: c.recordedBy,
    });
  return (
    <Modal
      open
      title={t("consent.title", { name })}
      footer={null}
      onCancel={onClose}
      width={680}
      data-testid="consent-dialog"
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t("consent.help")}</Typography.Text>
        {error && <Alert type="error" showIcon title={error} />}
        {list?.minor && <Alert type="info" showIcon title={t("consent.minor")} />}
        {list && !list.canWrite && <Alert type="info" showIcon title={t("consent.readOnly")} />}
        {list?.purposes.map((purpose) => {
          const declared = purposes[purpose];
          const mine = list.consents.filter((c) => c.purpose === purpose);
          const current = mine.find((c) => c.inForce);
          const earlier = mine.filter((c) => !c.inForce);
          const action = (which: "record" | "withdraw", label: string) => {
            const button = (
              <Button
                size="small"
                danger={which === "withdraw"}
                disabled={!list.canWrite}
                onClick={() => setOpen(open?.purpose === purpose ? null : { purpose, action: which })}
                data-testid={`consent-${which}-${purpose}`}
              >
                {label}
              </Button>
            );
            return list.canWrite ? button : <Tooltip title={t("consent.readOnly")}>{button}</Tooltip>;
          };
          return (
            <Card
              key={purpose}
              size="small"
              title={declared.label[lang]}
              extra={
                current ? <Tag color="green">{t("consent.inForce")}</Tag> : <Tag>{t("consent.none")}</Tag>
              }
              data-testid={`consent-${purpose}`}
            >
              <Flex vertical gap={6}>
                <Typography.Text type="secondary">{declared.effect[lang]}</Typography.Text>
                {current && <Typography.Text>{line(current)}</Typography.Text>}
                {current?.guardianName && (
                  <Typography.Text>
                    {t("consent.guardian", {
                      name: current.guardianName,
                      relation: current.guardianRelation
                        ? relationLabels[current.guardianRelation][lang].toLowerCase()
                        : "",
                    })}
                  </Typography.Text>
                )}
                {earlier.length > 0 && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t("consent.history")}:{" "}
                    {earlier
                      .map(
                        (c) =>
                          `${line(c)}. ${t("consent.withdrawnLine", {
                            when: formatDateTime(c.withdrawnAt!),
                            who: c.withdrawnBy ?? "",
                            reason: c.withdrawnReason ?? "",
                          })}`,
                      )
                      .join(" · ")}
                  </Typography.Text>
                )}
                <Flex wrap gap={8}>
                  {current
                    ? action("withdraw", t("consent.withdraw"))
                    : action("record", t("consent.record"))}
                  <Button size="small" href={consentApi.formUrl(communeId, purpose)} download>
                    {t("consent.form")}
                  </Button>
                </Flex>
                {open?.purpose === purpose && open.action === "record" && !current && (
                  <RecordForm
                    subject={{ kind, id }}
                    purpose={purpose}
                    child={list.minor || !!declared.forMinors}
                    onDone={done}
                  />
                )}
                {open?.purpose === purpose && open.action === "withdraw" && current && (
                  <WithdrawForm consent={current} onDone={done} />
                )}
              </Flex>
            </Card>
          );
        })}
      </Flex>
    </Modal>
  );
}
