import { Alert, Divider, Flex, Typography } from "antd";
import { useEffect, useState } from "react";
import type { Decision, Registration } from "../../../shared/cycle";
import { cycleApi } from "../../api/cycle";
import { errorText } from "../../errors";
import { useT } from "../../i18n/messages";
import { PageLoading } from "../PageLoading";
import type { CycleContext } from "./common";
import { DecisionDraft } from "./DecisionDraft";
import { DecisionList } from "./DecisionList";

type State = { proposals: Registration[]; decisions: Decision[] } | { error: string } | null;

/** Step 4: decisions are made by the commune, from the proposals of all its villages. */
export function DecisionTab({ context }: { context: CycleContext }) {
  const t = useT();
  const { scope, year, title, version } = context;
  const commune = scope.commune;
  const [state, setState] = useState<State>(null);

  useEffect(() => {
    if (!commune) return;
    let live = true;
    void version;
    Promise.all([
      cycleApi.registrations({ unitId: commune.id, year, title, status: "proposed" }),
      cycleApi.decisions({ unitId: commune.id, year }),
    ]).then(
      ([registrations, decisions]) => {
        if (!live) return;
        setState({
          proposals: registrations.filter((r) => r.decisionId === null),
          decisions: decisions.filter((d) => d.title === title),
        });
      },
      (err: unknown) => {
        if (live) setState({ error: errorText(err, t) });
      },
    );
    return () => {
      live = false;
    };
  }, [commune, year, title, version, t]);

  if (!commune) return <Alert type="info" showIcon title={t("decision.needCommune")} />;
  if (state === null) return <PageLoading />;
  if ("error" in state) return <Alert type="error" showIcon title={state.error} />;
  return (
    <Flex vertical gap={12}>
      <DecisionDraft
        commune={commune}
        year={year}
        title={title}
        proposals={state.proposals}
        canWrite={scope.unit.can.write}
        onDone={context.changed}
      />
      <Divider style={{ margin: "8px 0" }} />
      <Typography.Text strong>{t("decision.list", { year })}</Typography.Text>
      <DecisionList decisions={state.decisions} onDone={context.changed} canWrite={scope.unit.can.write} />
    </Flex>
  );
}
