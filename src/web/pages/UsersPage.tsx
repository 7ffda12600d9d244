import { PlusOutlined, ReloadOutlined, UserAddOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Grid,
  Input,
  Modal,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from "antd";
import { useCallback, useEffect, useState } from "react";
import type { Grant, RoleName, UserSummary } from "../../shared/api";
import { api } from "../api/client";
import { PageLoading } from "../components/PageLoading";
import { PageTitle } from "../components/PageTitle";
import { UnitSelect } from "../components/UnitSelect";
import { useSaveErrors, useSubmit } from "../components/useSubmit";
import { roleList } from "../constants";
import { errorText } from "../errors";
import { type Translate, useT } from "../i18n/messages";
import { useMe } from "../session";

function grantLabel(grant: Grant, t: Translate): string {
  return `${t(`role.${grant.role}`)} @ ${grant.unit?.name ?? t("users.nationwide")}`;
}

function useRoleOptions() {
  const t = useT();
  const me = useMe();
  const isSystemAdmin = me.grants.some((g) => g.role === "system_admin");
  return roleList
    .filter((r) => isSystemAdmin || r !== "system_admin")
    .map((role) => ({ value: role, label: t(`role.${role}`) }));
}

export default function UsersPage() {
  const t = useT();
  const { message, modal } = App.useApp();
  const saveFailed = useSaveErrors();
  const [users, setUsers] = useState<UserSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [creating, setCreating] = useState(false);
  const [grantFor, setGrantFor] = useState<UserSummary | null>(null);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const mobile = !Grid.useBreakpoint().md;

  useEffect(() => {
    let live = true;
    void version;
    api.users().then(
      (list) => {
        if (live) {
          setUsers(list);
          setError(null);
        }
      },
      (err: unknown) => {
        if (live) setError(errorText(err, t));
      },
    );
    return () => {
      live = false;
    };
  }, [version, t]);

  const revoke = (grant: Grant) => {
    modal.confirm({
      title: t("users.revoke"),
      content: t("users.revokeConfirm", { grant: grantLabel(grant, t) }),
      okText: t("users.revoke"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          await api.revokeGrant(grant.id);
          void message.success(t("users.grantRevoked"));
          reload();
        } catch (err) {
          void message.error(errorText(err, t));
        }
      },
    });
  };

  const toggle = async (user: UserSummary) => {
    try {
      await api.updateUser(user.id, { disabled: !user.disabled, version: user.version });
      void message.success(t("users.updated"));
      reload();
    } catch (err) {
      saveFailed(err, { reload });
    }
  };

  const grantTags = (user: UserSummary) =>
    user.grants.length === 0 ? (
      <Typography.Text type="secondary">{t("users.noGrants")}</Typography.Text>
    ) : (
      <Flex wrap gap={4} style={{ maxWidth: 420 }}>
        {user.grants.map((g) => (
          <Tag
            key={g.id}
            color={g.role === "system_admin" || g.role === "unit_admin" ? "red" : "blue"}
            closable
            onClose={(e) => {
              e.preventDefault();
              revoke(g);
            }}
            style={{ whiteSpace: "normal" }}
          >
            {grantLabel(g, t)}
          </Tag>
        ))}
      </Flex>
    );
  const statusTag = (user: UserSummary) =>
    user.disabled ? (
      <Tag color="default">{t("users.disabled")}</Tag>
    ) : (
      <Tag color="green">{t("users.active")}</Tag>
    );
  const actions = (user: UserSummary) => (
    <Flex wrap gap={4}>
      <Button size="small" icon={<PlusOutlined />} onClick={() => setGrantFor(user)}>
        {t("users.addGrant")}
      </Button>
      <Button size="small" danger={!user.disabled} onClick={() => void toggle(user)}>
        {user.disabled ? t("users.enable") : t("users.disable")}
      </Button>
    </Flex>
  );

  const columns: TableColumnsType<UserSummary> = [
    { key: "username", title: t("users.username"), dataIndex: "username" },
    { key: "fullName", title: t("users.fullName"), dataIndex: "fullName" },
    { key: "grants", title: t("users.grants"), render: (_, user) => grantTags(user) },
    { key: "status", title: t("users.status"), render: (_, user) => statusTag(user) },
    { key: "actions", title: t("common.actions"), render: (_, user) => actions(user) },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex wrap gap={8} justify="space-between" align="center">
        <PageTitle>{t("users.title")}</PageTitle>
        <Flex wrap gap={8}>
          <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t("common.retry")} />
          <Button
            type="primary"
            icon={<UserAddOutlined />}
            onClick={() => setCreating(true)}
            data-testid="user-create"
          >
            {t("users.create")}
          </Button>
        </Flex>
      </Flex>
      {error && <Alert type="error" showIcon title={error} />}
      {mobile ? (
        <Flex vertical gap={8} data-testid="users-list">
          {users === null && !error && <PageLoading />}
          {users?.map((user) => (
            <Card key={user.id} size="small" data-testid="user-card">
              <Flex vertical gap={8}>
                <Flex wrap gap={8} align="baseline" justify="space-between">
                  <Typography.Text strong>{user.fullName}</Typography.Text>
                  {statusTag(user)}
                </Flex>
                <Typography.Text type="secondary">{user.username}</Typography.Text>
                {grantTags(user)}
                {actions(user)}
              </Flex>
            </Card>
          ))}
        </Flex>
      ) : (
        <div data-testid="users-table">
          <Table<UserSummary>
            size="small"
            rowKey="id"
            loading={users === null && !error}
            columns={columns}
            dataSource={users ?? []}
            pagination={(users?.length ?? 0) > 50 ? { pageSize: 50 } : false}
            scroll={{ x: "max-content" }}
            locale={{ emptyText: t("common.empty") }}
          />
        </div>
      )}
      {creating && (
        <CreateUserDialog
          onClose={() => setCreating(false)}
          onDone={() => {
            setCreating(false);
            reload();
          }}
        />
      )}
      {grantFor && (
        <GrantDialog
          user={grantFor}
          onClose={() => setGrantFor(null)}
          onDone={() => {
            setGrantFor(null);
            reload();
          }}
        />
      )}
    </Flex>
  );
}

type CreateForm = {
  username: string;
  fullName: string;
  password: string;
  role: RoleName;
  unitId: number | null;
};

function CreateUserDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm<CreateForm>();
  const role = Form.useWatch("role", form);
  const { busy, run } = useSubmit();

  const submit = async (values: CreateForm) => {
    const request = {
      username: values.username.trim().toLowerCase(),
      fullName: values.fullName.trim(),
      password: values.password,
      role: values.role,
      unitId: values.unitId ?? null,
    };
    if (await run(form, () => api.createUser(request), t("users.created", { name: values.username })))
      onDone();
  };

  return (
    <Modal
      open
      title={t("users.create")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form<CreateForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ role: "viewer", unitId: null }}
      >
        <Form.Item
          name="username"
          label={t("users.username")}
          rules={[{ required: true, whitespace: true, message: t("users.usernameRequired") }]}
        >
          <Input autoComplete="off" autoCapitalize="none" maxLength={64} />
        </Form.Item>
        <Form.Item
          name="fullName"
          label={t("users.fullName")}
          rules={[{ required: true, whitespace: true, message: t("users.fullNameRequired") }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t("users.password")}
          extra={t("users.passwordHint")}
          rules={[{ required: true, min: 10, message: t("users.passwordTooShort") }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <RoleUnitFields role={role} unitTestId="user-unit" />
      </Form>
    </Modal>
  );
}

type GrantForm = { role: RoleName; unitId: number | null };

/** The role and the unit it is granted on; a unit is required except for a nation-wide system admin. */
function RoleUnitFields({ role, unitTestId }: { role: RoleName | undefined; unitTestId: string }) {
  const t = useT();
  const roleOptions = useRoleOptions();
  return (
    <>
      <Form.Item
        name="role"
        label={t("users.role")}
        rules={[{ required: true, message: t("users.roleRequired") }]}
      >
        <Select<RoleName> options={roleOptions} />
      </Form.Item>
      <Form.Item
        name="unitId"
        label={t("users.unit")}
        rules={[{ required: role !== "system_admin", message: t("users.unitRequired") }]}
      >
        <UnitSelect testId={unitTestId} />
      </Form.Item>
    </>
  );
}

function GrantDialog({
  user,
  onClose,
  onDone,
}: {
  user: UserSummary;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<GrantForm>();
  const role = Form.useWatch("role", form);
  const { busy, run } = useSubmit();

  const submit = async (values: GrantForm) => {
    if (
      await run(form, () => api.addGrant(user.id, values.role, values.unitId ?? null), t("users.grantAdded"))
    )
      onDone();
  };

  return (
    <Modal
      open
      title={t("users.grantFor", { name: user.fullName })}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form<GrantForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ role: "viewer", unitId: null }}
      >
        <RoleUnitFields role={role} unitTestId="grant-unit" />
      </Form>
    </Modal>
  );
}
