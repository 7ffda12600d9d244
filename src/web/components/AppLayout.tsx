import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  ClusterOutlined,
  EyeOutlined,
  FileTextOutlined,
  FormOutlined,
  GiftOutlined,
  HeartOutlined,
  HomeOutlined,
  IdcardOutlined,
  LogoutOutlined,
  MenuOutlined,
  PartitionOutlined,
  ProfileOutlined,
  ReadOutlined,
  SafetyOutlined,
  SearchOutlined,
  StarOutlined,
  TeamOutlined,
  TrophyOutlined,
  WalletOutlined,
} from "@ant-design/icons";
import { Button, Drawer, Flex, Grid, Layout, Menu, type MenuProps, Tooltip, Typography, theme } from "antd";
import { type ReactNode, useState } from "react";
import type { RoleName } from "../../shared/api";
import { rolePermissions, rolesWith } from "../../shared/capabilities";
import { registryKinds } from "../../shared/registry/kinds";
import { useLang, useT } from "../i18n/messages";
import { Link, navigate, paths, useLocation } from "../router";
import { hasRole, useMe, useSession } from "../session";
import { LangSwitch } from "./LangSwitch";
import { nounParams } from "./registry/derive";

/** The icons a registry kind's declaration may name for its menu entry. */
const registryIcons: Record<string, ReactNode> = {
  home: <HomeOutlined />,
  cluster: <ClusterOutlined />,
  bank: <BankOutlined />,
  idcard: <IdcardOutlined />,
  team: <TeamOutlined />,
  heart: <HeartOutlined />,
  gift: <GiftOutlined />,
  read: <ReadOutlined />,
};

/** The roles that read the Hội Khuyến học's members (association_read, or a chapter of their own). */
const memberReaders: RoleName[] = [
  ...(Object.keys(rolePermissions) as RoleName[]).filter((r) =>
    rolePermissions[r].includes("association_read"),
  ),
  "chapter_secretary",
];

/** The roles that record a centre's sessions (`attendance`): they see "Điểm danh". */
const attendanceRoles = rolesWith("attendance");

function selectedKey(pathname: string): string {
  if (pathname.startsWith(paths.todo) || pathname.startsWith(paths.deadlines)) return paths.todo;
  if (pathname.startsWith(paths.users)) return paths.users;
  // Before the audit log: "/nhat-ky-xu-ly" starts with "/nhat-ky".
  if (pathname.startsWith(paths.processingLog)) return paths.processingLog;
  if (pathname.startsWith(paths.breaches)) return paths.breaches;
  if (pathname.startsWith(paths.audit)) return paths.audit;
  if (pathname.startsWith(paths.privacy)) return paths.privacy;
  const kind = registryKinds.find((k) => pathname.startsWith(k.web.path));
  if (kind) return kind.web.path;
  if (pathname.startsWith(paths.titles)) return paths.titles;
  if (pathname === paths.funds || pathname.startsWith(`${paths.funds}/`)) return paths.funds;
  if (pathname.startsWith(paths.stats)) return paths.stats;
  if (pathname.startsWith(paths.commendations)) return paths.commendations;
  if (pathname.startsWith(paths.reports)) return paths.reports;
  if (pathname.startsWith(paths.dataRequests)) return paths.dataRequests;
  if (pathname.startsWith(paths.rubrics)) return paths.rubrics;
  if (pathname.startsWith(paths.association)) return paths.association;
  if (pathname.startsWith(paths.memberSearch)) return paths.memberSearch;
  if (pathname.startsWith(paths.attendance)) return paths.attendance;
  if (pathname.startsWith(paths.needsSurvey)) return paths.needsSurvey;
  return paths.units;
}

export function AppLayout({ children }: { children: ReactNode }) {
  const t = useT();
  const { lang } = useLang();
  const me = useMe();
  const { signOut } = useSession();
  const { pathname } = useLocation();
  const screens = Grid.useBreakpoint();
  const mobile = !screens.md;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { token } = theme.useToken();

  const attendance = { key: paths.attendance, icon: <FormOutlined />, label: t("nav.attendance") };
  // A centre's teacher reads its commune but works on attendance: a short menu (the centres and classes to read).
  const teacherOnly = me.grants.length > 0 && me.grants.every((g) => g.role === "teacher");
  const centreKinds = registryKinds.filter((k) => k.name === "centres" || k.name === "activities");
  const items: MenuProps["items"] = teacherOnly
    ? [
        attendance,
        ...centreKinds.map((kind) => ({
          key: kind.web.path,
          icon: registryIcons[kind.web.icon ?? ""] ?? <ProfileOutlined />,
          label: nounParams(kind, lang).Nouns,
        })),
        { key: paths.stats, icon: <BarChartOutlined />, label: t("nav.stats") },
      ]
    : [
        { key: paths.todo, icon: <CheckSquareOutlined />, label: t("nav.todo") },
        { key: paths.units, icon: <ApartmentOutlined />, label: t("nav.units") },
        // The four registries and the administration pages are grouped, so the top bar fits a 1280 px screen.
        {
          key: "registries",
          icon: <HomeOutlined />,
          label: t("nav.registries"),
          children: [
            ...registryKinds.map((kind) => ({
              key: kind.web.path,
              icon: registryIcons[kind.web.icon ?? ""] ?? <ProfileOutlined />,
              label: nounParams(kind, lang).Nouns,
            })),
            { key: paths.needsSurvey, icon: <FormOutlined />, label: t("nav.needsSurvey") },
            // The Hội's chapter tree and member search, for those who read members.
            ...(hasRole(me, ...memberReaders)
              ? [
                  { key: paths.association, icon: <PartitionOutlined />, label: t("nav.association") },
                  { key: paths.memberSearch, icon: <SearchOutlined />, label: t("nav.memberSearch") },
                ]
              : []),
          ],
        },
        ...(hasRole(me, ...attendanceRoles) ? [attendance] : []),
        { key: paths.titles, icon: <TrophyOutlined />, label: t("nav.titles") },
        { key: paths.funds, icon: <WalletOutlined />, label: t("nav.funds") },
        { key: paths.commendations, icon: <StarOutlined />, label: t("nav.commendations") },
        { key: paths.stats, icon: <BarChartOutlined />, label: t("nav.stats") },
        { key: paths.reports, icon: <FileTextOutlined />, label: t("nav.reports") },
        {
          key: "admin",
          icon: <TeamOutlined />,
          label: t("nav.admin"),
          children: [
            { key: paths.rubrics, icon: <ProfileOutlined />, label: t("nav.rubrics") },
            ...(hasRole(me, "system_admin", "unit_admin")
              ? [
                  { key: paths.users, icon: <TeamOutlined />, label: t("nav.users") },
                  { key: paths.dataRequests, icon: <SafetyOutlined />, label: t("nav.dataRequests") },
                ]
              : []),
            { key: paths.audit, icon: <AuditOutlined />, label: t("nav.audit") },
            // The inventory is everyone's to read (GET /privacy/inventory); the menu offers it to administrators.
            ...(hasRole(me, "system_admin", "unit_admin", "association_admin")
              ? [{ key: paths.privacy, icon: <SafetyOutlined />, label: t("nav.privacy") }]
              : []),
            // The processing log and the breach register: the units' administrators (capability privacy.*).
            ...(hasRole(me, "system_admin", "unit_admin")
              ? [
                  { key: paths.processingLog, icon: <EyeOutlined />, label: t("nav.processingLog") },
                  { key: paths.breaches, icon: <AlertOutlined />, label: t("nav.breaches") },
                ]
              : []),
          ],
        },
      ];
  const onMenu: MenuProps["onClick"] = ({ key }) => {
    setDrawerOpen(false);
    navigate(key);
  };

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Header
        style={{
          display: "flex",
          alignItems: "center",
          gap: 8,
          padding: mobile ? "0 8px" : "0 24px",
          background: token.colorBgContainer,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
          position: "sticky",
          top: 0,
          zIndex: 10,
        }}
      >
        {mobile && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label={t("nav.menu")}
            data-testid="menu-button"
            onClick={() => setDrawerOpen(true)}
          />
        )}
        <Link
          to={paths.units}
          style={{ fontWeight: 700, fontSize: 18, whiteSpace: "nowrap", color: token.colorPrimary }}
        >
          {t("app.name")}
        </Link>
        {mobile ? (
          <div style={{ flex: 1 }} />
        ) : (
          <Menu
            mode="horizontal"
            selectedKeys={[selectedKey(pathname)]}
            items={items}
            onClick={onMenu}
            style={{ flex: 1, minWidth: 0, borderBottom: "none" }}
          />
        )}
        {/* Below 1600 px the name and the word "Đăng xuất" give their room to the menu (the name is in the tooltip). */}
        {screens.xxl && (
          <Typography.Text data-testid="current-user" ellipsis style={{ maxWidth: 220 }}>
            {me.fullName}
          </Typography.Text>
        )}
        {!mobile && <LangSwitch />}
        <Tooltip title={screens.xxl ? null : t("nav.loggedInAs", { name: me.fullName })}>
          <Button
            icon={<LogoutOutlined />}
            onClick={() => void signOut()}
            aria-label={t("nav.logout")}
            data-testid="logout"
          >
            {screens.xxl ? t("nav.logout") : null}
          </Button>
        </Tooltip>
      </Layout.Header>
      <Drawer
        placement="left"
        open={drawerOpen}
        onClose={() => setDrawerOpen(false)}
        size={280}
        title={t("app.name")}
        styles={{ body: { padding: 0 } }}
      >
        <Flex vertical gap={12} style={{ padding: 16 }}>
          <Typography.Text strong>{t("nav.loggedInAs", { name: me.fullName })}</Typography.Text>
          <LangSwitch block />
        </Flex>
        <Menu
          mode="inline"
          defaultOpenKeys={["registries", "admin"]}
          selectedKeys={[selectedKey(pathname)]}
          items={items}
          onClick={onMenu}
        />
      </Drawer>
      <Layout.Content style={{ padding: mobile ? 8 : 24 }}>
        <div style={{ maxWidth: 1200, margin: "0 auto", width: "100%" }}>{children}</div>
      </Layout.Content>
    </Layout>
  );
}
