import { SaveOutlined, ThunderboltOutlined } from "@ant-design/icons";
import { Affix, Button, Card, Flex, Input, InputNumber, Tag, Typography, theme } from "antd";
import { type ReactNode, useEffect, useMemo, useState } from "react";
import type { PointsDefinition, PointsItem } from "../../../shared/rubric";
import type { Assessment } from "../../api/cycle";
import { type Translate, useT } from "../../i18n/messages";
import { WhyNot } from "../Capability";
import { changedFrom, UnconfirmedTag } from "./common";
import { type ItemSuggestion, noteWith, SuggestionBox } from "./ItemSuggestion";

type Scores = Record<string, number | null>;

/** Total, maximum and the expected result (the server's evaluation is authoritative once saved). */
function expected(definition: PointsDefinition, scores: Scores, t: Translate) {
  let total = 0;
  let max = 0;
  let missing = 0;
  let below = false;
  for (const criterion of definition.criteria) {
    let points = 0;
    for (const item of criterion.items) {
      max += item.maxPoints;
      const score = scores[item.key];
      if (score === null || score === undefined) missing++;
      else points += score;
    }
    total += points;
    if (criterion.minPoints !== undefined && points < criterion.minPoints) below = true;
  }
  const reached = [...definition.thresholds]
    .sort((a, b) => b.minPoints - a.minPoints)
    .find((threshold) => total >= threshold.minPoints);
  const label =
    missing > 0 ? t("sheet.notScored") : below || !reached ? t("sheet.notReached") : reached.label;
  return { total, max, missing, label, recognized: missing === 0 && !below && !!reached?.recognized };
}

type Props = {
  definition: PointsDefinition;
  initial: Assessment;
  editable: boolean;
  saving: boolean;
  onSave: (body: Assessment) => void;
  /** The evidence files of an item (list and upload), shown under its note. */
  evidence?: (itemKey: string) => ReactNode;
  /** Told whether the sheet has changes not saved yet. */
  onDirty?: (dirty: boolean) => void;
  /** Suggestions by item (the centre-related items of a commune's set), shown beside them, applied on request. */
  suggestions?: Record<string, ItemSuggestion>;
};

/** The score sheet of a points criteria set: a whole number from 0 to the maximum per item, live total. */
export function PointsSheet(props: Props) {
  const { definition, initial, editable, saving, onSave, evidence, onDirty, suggestions } = props;
  const t = useT();
  const { token } = theme.useToken();
  const [scores, setScores] = useState<Scores>(() => ({ ...(initial.scores ?? {}) }));
  const [notes, setNotes] = useState<Record<string, string>>(() => ({ ...(initial.notes ?? {}) }));
  const result = useMemo(() => expected(definition, scores, t), [definition, scores, t]);
  const dirty = changedFrom(initial.scores, scores) || changedFrom(initial.notes, notes);
  useEffect(() => onDirty?.(dirty), [dirty, onDirty]);
  // A score above its maximum is shown as an error and blocks saving; it is never clamped behind the user's back.
  const over = definition.criteria
    .flatMap((c) => c.items)
    .filter((item) => (scores[item.key] ?? 0) > item.maxPoints).length;

  const fillMax = () => {
    const next: Scores = {};
    for (const criterion of definition.criteria)
      for (const item of criterion.items) next[item.key] = item.maxPoints;
    setScores(next);
  };
  const save = () => {
    const filled = Object.fromEntries(Object.entries(notes).filter(([, v]) => v.trim() !== ""));
    const body: Assessment = { scores };
    if (Object.keys(filled).length > 0) body.notes = filled;
    onSave(body);
  };

  return (
    <Flex vertical gap={12}>
      {definition.criteria.map((criterion) => {
        const points = criterion.items.reduce((sum, item) => sum + (scores[item.key] ?? 0), 0);
        const max = criterion.items.reduce((sum, item) => sum + item.maxPoints, 0);
        return (
          <Card
            key={criterion.key}
            size="small"
            title={
              <Typography.Text strong style={{ whiteSpace: "normal" }}>
                {criterion.name}
              </Typography.Text>
            }
            extra={<Tag>{`${points}/${max}`}</Tag>}
          >
            <Flex wrap gap={4} style={{ marginBottom: 8 }}>
              {criterion.unconfirmed && <UnconfirmedTag />}
              {criterion.minPoints !== undefined && (
                <Tag>{t("sheet.minPoints", { min: criterion.minPoints })}</Tag>
              )}
            </Flex>
            <Flex vertical gap={12}>
              {criterion.items.map((item) => (
                <ItemRow
                  key={item.key}
                  item={item}
                  score={scores[item.key] ?? null}
                  note={notes[item.key] ?? ""}
                  editable={editable}
                  onScore={(value) => setScores((current) => ({ ...current, [item.key]: value }))}
                  onNote={(value) => setNotes((current) => ({ ...current, [item.key]: value }))}
                  evidence={evidence?.(item.key)}
                  suggestion={suggestions?.[item.key]}
                  onApply={(suggestion) => {
                    if (!suggestion.noteOnly)
                      setScores((current) => ({ ...current, [item.key]: suggestion.points }));
                    setNotes((current) => ({
                      ...current,
                      [item.key]: noteWith(current[item.key], suggestion.note),
                    }));
                  }}
                />
              ))}
            </Flex>
          </Card>
        );
      })}
      <Affix offsetBottom={0}>
        <Card size="small" style={{ borderTop: `2px solid ${token.colorPrimary}` }}>
          <Flex wrap gap={8} align="center" justify="space-between">
            <Flex vertical>
              <Typography.Text strong data-testid="sheet-total">
                {t("sheet.total", { total: result.total, max: result.max })}
              </Typography.Text>
              <Typography.Text
                type={result.recognized ? "success" : "secondary"}
                data-testid="sheet-expected"
              >
                {t("sheet.expected", { label: result.label })}
                {result.missing > 0 ? ` · ${t("sheet.missing", { count: result.missing })}` : ""}
              </Typography.Text>
            </Flex>
            {editable && (
              <Flex wrap gap={8}>
                <Button icon={<ThunderboltOutlined />} onClick={fillMax} data-testid="fill-max">
                  {t("sheet.fillMax")}
                </Button>
                <WhyNot reason={over > 0 ? t("why.sheet.fixOver", { count: over }) : null} testId="why-save">
                  <Button
                    type="primary"
                    icon={<SaveOutlined />}
                    loading={saving}
                    disabled={over > 0}
                    onClick={save}
                    data-testid="save-assessment"
                  >
                    {t("sheet.save")}
                  </Button>
                </WhyNot>
              </Flex>
            )}
          </Flex>
        </Card>
      </Affix>
    </Flex>
  );
}

type ItemProps = {
  item: PointsItem;
  score: number | null;
  note: string;
  editable: boolean;
  onScore: (value: number | null) => void;
  onNote: (value: string) => void;
  evidence?: ReactNode;
  suggestion?: ItemSuggestion;
  onApply: (suggestion: ItemSuggestion) => void;
};

function ItemRow({ item, score, note, editable, onScore, onNote, evidence, suggestion, onApply }: ItemProps) {
  const t = useT();
  const over = score !== null && score > item.maxPoints;
  return (
    <Flex vertical gap={6} data-testid={`item-${item.key}`}>
      <Typography.Text>
        {item.text} {item.unconfirmed && <UnconfirmedTag />}
      </Typography.Text>
      {suggestion && (
        <SuggestionBox suggestion={suggestion} editable={editable} onApply={onApply} indent={0} />
      )}
      <Flex wrap gap={8} align="center">
        <InputNumber<number>
          value={score}
          min={0}
          precision={0}
          status={over ? "error" : undefined}
          inputMode="numeric"
          disabled={!editable}
          onChange={(value) => onScore(value ?? null)}
          suffix={`/ ${item.maxPoints}`}
          aria-label={item.text}
          data-testid={`score-${item.key}`}
          style={{ width: 120 }}
        />
        {(editable || note) && (
          <Input
            value={note}
            disabled={!editable}
            onChange={(e) => onNote(e.target.value)}
            placeholder={t("sheet.evidence")}
            maxLength={2000}
            style={{ flex: "1 1 180px", minWidth: 0 }}
          />
        )}
      </Flex>
      {over && (
        <Typography.Text type="danger" data-testid={`over-${item.key}`}>
          {t("why.sheet.overMax", { max: item.maxPoints })}
        </Typography.Text>
      )}
      {evidence}
    </Flex>
  );
}
