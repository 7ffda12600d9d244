/**
 * The suggestion of an item from the centres' ratings (docs/CENTRES.md, "Gợi ý cho hồ sơ TT 25"): shown beside the
 * item with its source lines, never applied by itself; "Dùng gợi ý" applies it and puts the source into the note.
 */
import { BulbOutlined } from "@ant-design/icons";
import { App, Button, Flex, Tag, Typography, theme } from "antd";
import { useEffect, useState } from "react";
import type { Registration } from "../../../shared/cycle";
import { type ItemSuggestion, prefillApi } from "../../api/tt25-prefill";
import { useT } from "../../i18n/messages";

export type { ItemSuggestion };

/** The suggestions of a commune's registration by item (none for the other titles, or when the request fails). */
export function useSuggestions(registration: Registration): Record<string, ItemSuggestion> {
  const [byItem, setByItem] = useState<Record<string, ItemSuggestion>>({});
  // Cộng đồng học tập cấp xã: the centres' ratings; Công dân học tập: the citizen's attended hours.
  const commune = ["learning_community_commune", "learning_citizen"].includes(registration.title);
  const { id, communeId } = registration;
  useEffect(() => {
    if (!commune) return;
    let live = true;
    prefillApi.suggestions({ id, communeId }).then(
      (r) => {
        if (live) setByItem(Object.fromEntries(r.suggestions.map((s) => [s.itemKey, s])));
      },
      () => {
        // The sheet works without suggestions.
      },
    );
    return () => {
      live = false;
    };
  }, [id, communeId, commune]);
  return byItem;
}

/** The item's evidence note with the suggestion's source: kept when it already says it, else added after it. */
export function noteWith(current: string | undefined, source: string): string {
  const note = (current ?? "").trim();
  if (note === "") return source;
  if (note.includes(source)) return note;
  return `${note}; ${source}`.slice(0, 2000);
}

type Props = {
  suggestion: ItemSuggestion;
  editable: boolean;
  onApply: (suggestion: ItemSuggestion) => void;
  /** Left margin, to line up with the item's note (24 under a checkbox). */
  indent?: number;
};

export function SuggestionBox({ suggestion, editable, onApply, indent = 24 }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const { met, points, noteOnly } = suggestion;
  const usable = noteOnly ? suggestion.note !== "" : met !== null;
  const label = noteOnly
    ? t("hours.tag")
    : met === null
      ? t("prefill.none")
      : points !== null
        ? t("prefill.points", { points })
        : met
          ? t("prefill.met")
          : t("prefill.notMet");
  return (
    <Flex
      vertical
      gap={4}
      data-testid={`suggestion-${suggestion.itemKey}`}
      style={{
        marginLeft: indent,
        padding: "6px 8px",
        borderLeft: `3px solid ${token.colorInfoBorder}`,
        background: token.colorInfoBg,
        borderRadius: token.borderRadiusSM,
        minWidth: 0,
      }}
    >
      <Flex wrap gap={8} align="center">
        <BulbOutlined aria-hidden />
        <Typography.Text type="secondary">{t(noteOnly ? "hours.title" : "prefill.title")}</Typography.Text>
        <Tag
          color={noteOnly ? "blue" : met === null ? "default" : met ? "green" : "orange"}
          data-testid="suggestion-value"
        >
          {label}
        </Tag>
        {editable && usable && (
          <Button
            size="small"
            onClick={() => {
              onApply(suggestion);
              void message.info(t("prefill.applied"));
            }}
            data-testid={`apply-${suggestion.itemKey}`}
          >
            {t("prefill.apply")}
          </Button>
        )}
      </Flex>
      {suggestion.sources.map((line) => (
        <Typography.Text key={line} style={{ overflowWrap: "anywhere" }} data-testid="suggestion-source">
          {line}
        </Typography.Text>
      ))}
      {editable && (
        <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
          {t(noteOnly ? "hours.help" : "prefill.help")}
        </Typography.Text>
      )}
    </Flex>
  );
}
