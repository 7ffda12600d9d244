/**
 * A learning centre (TTHTCĐ): its overview and board, decisions, staff, history across mergers, and classes, one
 * tab each (components/centre/centre-tabs.tsx lists them; other modules add theirs there). Phones get the same
 * tabs, one column each. The address may name the centre's commune (`?xa=`, as the links to it do): the centre is
 * then asked for in that commune alone, and every call after it names the commune it was found in
 * (docs/SCALE-OUT.md); an older link with the id alone still opens it.
 */
import { Alert, Button, Flex, Tabs, Tag } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { allows } from "../../shared/capabilities";
import { centreOrgApi } from "../api/centre-org";
import { api } from "../api/client";
import { type CentreTabContext, centreTabs } from "../components/centre/centre-tabs";
import { PageLoading } from "../components/PageLoading";
import { PageTitle } from "../components/PageTitle";
import { useCompact } from "../components/useCompact";
import { errorText } from "../errors";
import { type MessageKey, useT } from "../i18n/messages";
import { communeIn, Link, setQuery, useLocation } from "../router";

type Loaded = Omit<CentreTabContext, "reload">;

export default function CentrePage({ id }: { id: number }) {
  const t = useT();
  const { search } = useLocation();
  const compact = useCompact();
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The centre's commune: the address's first, then the one the centre was found in.
  const communeId = useRef(communeIn(search));

  const load = useCallback(async () => {
    try {
      const known = communeId.current;
      const [centre, history] =
        known === undefined
          ? await centreOrgApi.centre(id).then(async (c) => [c, await centreOrgApi.history(c)] as const)
          : await Promise.all([
              centreOrgApi.centre(id, known),
              centreOrgApi.history({ id, communeId: known }),
            ]);
      communeId.current = centre.communeId;
      const unit = await api.unit(centre.communeId);
      setData({ centre, history, canEdit: allows(unit.can, "registry.edit") });
      setError(null);
    } catch (e) {
      setError(errorText(e, t));
    }
  }, [id, t]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!data && !error) return <PageLoading />;
  const tab = search.get("tab") ?? centreTabs[0]!.key;
  const reason = data?.history.centre.archivedReason;
  const choose = (key: string) => setQuery({ tab: key === centreTabs[0]!.key ? null : key });
  // On a phone every tab stays in sight, wrapped on two lines (antd would hide some behind a "…" menu).
  const phoneBar = () => (
    <Flex wrap gap={6} role="tablist" style={{ marginBottom: 12 }}>
      {centreTabs.map((item) => (
        <Button
          key={item.key}
          size="small"
          role="tab"
          aria-selected={item.key === tab}
          type={item.key === tab ? "primary" : "default"}
          onClick={() => choose(item.key)}
          data-testid={`centre-tab-${item.key}`}
        >
          {t(item.label)}
        </Button>
      ))}
    </Flex>
  );
  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Link to="/trung-tam-hoc-tap">← {t("centre.back")}</Link>
      {data && (
        <Flex gap={8} align="center" wrap>
          <PageTitle data-testid="centre-title">{data.centre.name}</PageTitle>
          {reason && <Tag data-testid="centre-archived">{t(`centre.archived.${reason}` as MessageKey)}</Tag>}
        </Flex>
      )}
      {error && <Alert type="error" showIcon title={error} data-testid="centre-error" />}
      {data && (
        <Tabs
          activeKey={tab}
          onChange={choose}
          renderTabBar={compact ? phoneBar : undefined}
          items={centreTabs.map((item) => ({
            key: item.key,
            label: compact ? (
              t(item.label)
            ) : (
              <span data-testid={`centre-tab-${item.key}`}>{t(item.label)}</span>
            ),
            children: item.render({ ...data, reload: () => void load() }),
          }))}
        />
      )}
    </Flex>
  );
}
