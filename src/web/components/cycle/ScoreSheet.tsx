import { ArrowLeftOutlined } from "@ant-design/icons";
import { Alert, App, Button, Flex, Tag, Typography } from "antd";
import { type ReactNode, useEffect, useRef, useState } from "react";
import type { Registration } from "../../../shared/cycle";
import { type LevelsEvaluation, level2Withheld } from "../../../shared/rubric";
import { type Assessment, assessmentOf, cycleApi, resultOf } from "../../api/cycle";
import { errorText } from "../../errors";
import { useT } from "../../i18n/messages";
import { PageLoading } from "../PageLoading";
import { useSaveErrors } from "../useSubmit";
import { useUnsavedChanges } from "../useUnsavedChanges";
import { StatusTag, subjectText, UnconfirmedTag, useResultLabel, useRubric } from "./common";
import { ItemEvidence, useEvidence } from "./EvidenceFiles";
import { useSuggestions } from "./ItemSuggestion";
import { LevelsSheet } from "./LevelsSheet";
import { PointsSheet } from "./PointsSheet";
import { Tt25Documents } from "./Tt25Documents";

type Props = {
  registration: Registration;
  canWrite: boolean;
  /** Why the user may not fill in score sheets here (their role), shown instead of the sheet's own state. */
  roleNote?: ReactNode;
  onBack: () => void;
  onSaved: (registration: Registration) => void;
  /** The registration as it is now, after a stale save (409) and "Tải lại" in the shared dialog. */
  onReloaded: (registration: Registration) => void;
};

/** The self-assessment of one registration, built from its criteria set. */
export function ScoreSheet({ registration, canWrite, roleNote, onBack, onSaved, onReloaded }: Props) {
  const t = useT();
  const resultLabel = useResultLabel();
  const { message } = App.useApp();
  const saveFailed = useSaveErrors();
  const { rubric, error } = useRubric(registration.rubric.id);
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);
  const confirmLeave = useUnsavedChanges(dirty && !saving, t("sheet.unsaved"));
  const editable = canWrite && (registration.status === "registered" || registration.status === "assessed");
  const result = resultOf(registration);
  // Level 2 met but not given (the 12-month wait after level 1): say why next to the level 1 result.
  const withheld =
    result?.scheme === "levels" ? level2Withheld(registration.result as LevelsEvaluation) : null;
  const evidence = useEvidence(registration);
  const suggestions = useSuggestions(registration);
  const evidenceOf = (itemKey: string) => (
    <ItemEvidence
      registration={registration}
      itemKey={itemKey}
      evidence={evidence.list}
      editable={editable}
      onAdded={evidence.reload}
    />
  );
  const top = useRef<HTMLDivElement>(null);
  // Opened from further down a long list: start at the top of the sheet.
  useEffect(() => {
    top.current?.scrollIntoView?.({ block: "start" });
  }, []);

  const save = async (body: Assessment) => {
    setSaving(true);
    try {
      const saved = await cycleApi.assess(registration, { ...body, version: registration.version });
      void message.success(t("sheet.saved", { label: resultLabel(resultOf(saved)) }));
      onSaved(saved);
    } catch (err) {
      saveFailed(err, {
        reload: () =>
          cycleApi
            .registration(registration)
            .then(onReloaded, (e: unknown) => message.error(errorText(e, t))),
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex vertical gap={12} data-testid="score-sheet" ref={top} style={{ scrollMarginTop: 72 }}>
      <Flex>
        <Button
          icon={<ArrowLeftOutlined />}
          onClick={() => confirmLeave() && onBack()}
          data-testid="sheet-back"
        >
          {t("common.back")}
        </Button>
      </Flex>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t("sheet.title", { name: subjectText(registration) })}
      </Typography.Title>
      <Flex wrap gap={4} align="center">
        <StatusTag status={registration.status} />
        {result?.label && <Tag>{resultLabel(result)}</Tag>}
        <Typography.Text type="secondary">
          {registration.rubric.name} · {t("rubrics.version", { version: registration.rubric.version })}
        </Typography.Text>
        {registration.rubric.unconfirmed && <UnconfirmedTag />}
      </Flex>
      {withheld && (
        <Alert
          type="info"
          showIcon
          title={t("why.level2.withheld", { why: withheld })}
          data-testid="level2-withheld"
        />
      )}
      {registration.rubric.unconfirmed && <Alert type="warning" showIcon title={t("sheet.unconfirmedSet")} />}
      {!canWrite && roleNote}
      {canWrite && !editable && (
        <Alert type="info" showIcon title={t("sheet.locked")} data-testid="sheet-locked" />
      )}
      {registration.subject.kind === "commune" && <Tt25Documents registration={registration} />}
      {error && <Alert type="error" showIcon title={error} />}
      {!rubric && !error && <PageLoading />}
      {rubric?.definition.scheme === "points" && (
        <PointsSheet
          definition={rubric.definition}
          initial={assessmentOf(registration)}
          editable={editable}
          saving={saving}
          onSave={(body) => void save(body)}
          evidence={evidenceOf}
          onDirty={setDirty}
          suggestions={suggestions}
        />
      )}
      {rubric?.definition.scheme === "levels" && (
        <LevelsSheet
          definition={rubric.definition}
          initial={assessmentOf(registration)}
          editable={editable}
          saving={saving}
          onSave={(body) => void save(body)}
          evidence={evidenceOf}
          onDirty={setDirty}
          suggestions={suggestions}
        />
      )}
    </Flex>
  );
}
