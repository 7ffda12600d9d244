import { CheckSquareOutlined, SaveOutlined } from "@ant-design/icons";
import { Affix, Button, Card, Checkbox, Flex, Input, Tag, Typography, theme } from "antd";
import { type ReactNode, useEffect, useState } from "react";
import type { LevelsDefinition } from "../../../shared/rubric";
import type { Assessment } from "../../api/cycle";
import { useT } from "../../i18n/messages";
import { changedFrom, UnconfirmedTag } from "./common";
import { type ItemSuggestion, noteWith, SuggestionBox } from "./ItemSuggestion";

type Props = {
  definition: LevelsDefinition;
  initial: Assessment;
  editable: boolean;
  saving: boolean;
  onSave: (body: Assessment) => void;
  /** Told whether the sheet has changes not saved yet. */
  onDirty?: (dirty: boolean) => void;
  /** The evidence files of an item (list and upload), shown under its note. */
  evidence?: (itemKey: string) => ReactNode;
  /** Suggestions by item (the centre-related items of a commune's set), shown beside them, applied on request. */
  suggestions?: Record<string, ItemSuggestion>;
};

/** The sheet of a levels criteria set: met / not met per item, grouped by level and criterion. */
export function LevelsSheet(props: Props) {
  const { definition, initial, editable, saving, onSave, evidence, onDirty, suggestions } = props;
  const t = useT();
  const { token } = theme.useToken();
  const [items, setItems] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(Object.entries(initial.items ?? {}).map(([k, v]) => [k, v === true])),
  );
  const [notes, setNotes] = useState<Record<string, string>>(() => ({ ...(initial.notes ?? {}) }));
  const dirty = changedFrom(initial.items, items) || changedFrom(initial.notes, notes);
  useEffect(() => onDirty?.(dirty), [dirty, onDirty]);
  const levels = [...definition.levels].sort((a, b) => a.level - b.level);
  const allKeys = levels.flatMap((l) => l.criteria.flatMap((c) => c.items.map((i) => i.key)));
  const metLevels = levels
    .filter((l) => l.criteria.every((c) => c.items.every((i) => items[i.key])))
    .map((l) => l.level);

  const apply = (key: string, suggestion: ItemSuggestion) => {
    if (!suggestion.noteOnly) setItems((current) => ({ ...current, [key]: suggestion.met === true }));
    setNotes((current) => ({ ...current, [key]: noteWith(current[key], suggestion.note) }));
  };

  const save = () => {
    const filled = Object.fromEntries(Object.entries(notes).filter(([, v]) => v.trim() !== ""));
    const body: Assessment = { items: Object.fromEntries(allKeys.map((key) => [key, items[key] === true])) };
    if (Object.keys(filled).length > 0) body.notes = filled;
    onSave(body);
  };

  return (
    <Flex vertical gap={12}>
      {levels.map((level) => (
        <Card
          key={level.level}
          size="small"
          title={t("sheet.level", { level: level.level })}
          extra={metLevels.includes(level.level) ? <Tag color="green">{t("sheet.met")}</Tag> : null}
        >
          {level.requires !== undefined && (
            <Typography.Paragraph type="secondary">
              {t("rubrics.requires", { level: level.requires })}
            </Typography.Paragraph>
          )}
          <Flex vertical gap={12}>
            {level.criteria.map((criterion) => (
              <Flex key={criterion.key} vertical gap={6}>
                <Typography.Text strong>
                  {criterion.name} {criterion.unconfirmed && <UnconfirmedTag />}
                </Typography.Text>
                {criterion.items.map((item) => (
                  <Flex key={item.key} vertical gap={4} style={{ paddingLeft: 8 }}>
                    <Checkbox
                      checked={items[item.key] === true}
                      disabled={!editable}
                      onChange={(e) => setItems((current) => ({ ...current, [item.key]: e.target.checked }))}
                      data-testid={`score-${item.key}`}
                    >
                      {item.text} {item.unconfirmed && <UnconfirmedTag />}
                    </Checkbox>
                    {suggestions?.[item.key] && (
                      <SuggestionBox
                        suggestion={suggestions[item.key]!}
                        editable={editable}
                        onApply={(suggestion) => apply(item.key, suggestion)}
                      />
                    )}
                    {(editable || notes[item.key]) && (
                      <Input
                        size="small"
                        value={notes[item.key] ?? ""}
                        disabled={!editable}
                        onChange={(e) => setNotes((current) => ({ ...current, [item.key]: e.target.value }))}
                        placeholder={t("sheet.evidence")}
                        maxLength={2000}
                        style={{ marginLeft: 24, width: "calc(100% - 24px)" }}
                        data-testid={`note-${item.key}`}
                      />
                    )}
                    {evidence && <div style={{ marginLeft: 24, minWidth: 0 }}>{evidence(item.key)}</div>}
                  </Flex>
                ))}
              </Flex>
            ))}
          </Flex>
        </Card>
      ))}
      {editable && (
        <Affix offsetBottom={0}>
          <Card size="small" style={{ borderTop: `2px solid ${token.colorPrimary}` }}>
            <Flex wrap gap={8} justify="flex-end">
              <Button
                icon={<CheckSquareOutlined />}
                onClick={() => setItems(Object.fromEntries(allKeys.map((key) => [key, true])))}
                data-testid="fill-max"
              >
                {t("sheet.fillMax")}
              </Button>
              <Button
                type="primary"
                icon={<SaveOutlined />}
                loading={saving}
                onClick={save}
                data-testid="save-assessment"
              >
                {t("sheet.save")}
              </Button>
            </Flex>
          </Card>
        </Affix>
      )}
    </Flex>
  );
}
