import { Alert, Divider, Flex, Typography } from "antd";
import { useEffect, useState } from "react";
import type { Decision, Registration } from "../../../shared/cycle";
import { cycleApi } from "../../api/cycle";
import { errorText } from "../../errors";
import { useT } from "../../i18n/messages";
import { canOn, placed } from "../Capability";
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
  const can = canOn(scope, "commune");
  // A grant on a village reads its own proposals; the commune's list and decisions are outside it.
  const villageOnly = !!commune && !can.read;
  const listUnit = villageOnly ? scope.unit.id : commune?.id;
  const [state, setState] = useState<State>(null);

  useEffect(() => {
    if (!listUnit) return;
    let live = true;
    void version;
    Promise.all([
      cycleApi.registrations({ unitId: listUnit, year, title, status: "proposed" }),
      villageOnly ? [] : cycleApi.decisions({ unitId: listUnit, year }),
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
  }, [listUnit, villageOnly, year, title, version, t]);

  if (!commune) return <Alert type="info" showIcon title={t("decision.needCommune")} />;
  if (state === null) return <PageLoading />;
  if ("error" in state) return <Alert type="error" showIcon title={state.error} />;
  return (
    <Flex vertical gap={12}>
      {villageOnly && (
        <Typography.Text type="secondary" data-testid="why-decision-village">
          {t("why.decision.village", { unit: scope.unit.name })}
        </Typography.Text>
      )}
      <DecisionDraft
        commune={commune}
        year={year}
        title={title}
        proposals={state.proposals}
        can={can}
        unit={placed(scope, "commune")}
        onDone={context.changed}
      />
      {!villageOnly && (
        <>
          <Divider style={{ margin: "8px 0" }} />
          <Typography.Text strong>{t("decision.list", { year })}</Typography.Text>
          <DecisionList decisions={state.decisions} onDone={context.changed} can={can} />
        </>
      )}
    </Flex>
  );
}
