import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Flex, Form, Input, Typography } from "antd";
import { useState } from "react";
import { api } from "../api/client";
import { LangSwitch } from "../components/LangSwitch";
import { PageTitle } from "../components/PageTitle";
import { errorText } from "../errors";
import { useT } from "../i18n/messages";
import { Link, paths } from "../router";
import { useSession } from "../session";

type LoginForm = { username: string; password: string };

export default function LoginPage() {
  const t = useT();
  const { signedIn } = useSession();
  const [form] = Form.useForm<LoginForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      const session = await api.login(values.username.trim(), values.password);
      signedIn(session.user, session.csrfToken);
    } catch (err) {
      setError(errorText(err, t));
      form.setFieldValue("password", "");
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex
      vertical
      align="center"
      style={{ minHeight: "100vh", padding: "32px 12px", boxSizing: "border-box" }}
    >
      <Flex vertical gap={16} style={{ width: "100%", maxWidth: 400 }}>
        <Flex justify="flex-end">
          <LangSwitch />
        </Flex>
        <div style={{ textAlign: "center" }}>
          <PageTitle size={2} style={{ marginBottom: 4, color: "#b5131a" }}>
            {t("app.name")}
          </PageTitle>
          <Typography.Text type="secondary">{t("app.tagline")}</Typography.Text>
        </div>
        <Card title={t("login.title")}>
          <Form<LoginForm> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item
              name="username"
              label={t("login.username")}
              rules={[{ required: true, whitespace: true, message: t("login.usernameRequired") }]}
            >
              <Input
                prefix={<UserOutlined />}
                autoComplete="username"
                autoCapitalize="none"
                autoCorrect="off"
                size="large"
                data-testid="login-username"
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t("login.password")}
              rules={[{ required: true, message: t("login.passwordRequired") }]}
            >
              <Input.Password
                prefix={<LockOutlined />}
                autoComplete="current-password"
                size="large"
                data-testid="login-password"
              />
            </Form.Item>
            {error && (
              <Alert
                type="error"
                showIcon
                title={error}
                style={{ marginBottom: 16 }}
                data-testid="login-error"
              />
            )}
            <Button
              type="primary"
              htmlType="submit"
              block
              size="large"
              loading={busy}
              data-testid="login-submit"
            >
              {t("login.submit")}
            </Button>
          </Form>
        </Card>
        <Link to={paths.openData} data-testid="open-data-link" style={{ textAlign: "center" }}>
          {t("openData.link")}
        </Link>
      </Flex>
    </Flex>
  );
}
