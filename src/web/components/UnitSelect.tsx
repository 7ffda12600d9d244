import { Select, Spin } from "antd";
import { type CSSProperties, useEffect, useState } from "react";
import type { UnitSearchHit } from "../../shared/api";
import { api } from "../api/client";
import { useT } from "../i18n/messages";
import { useDebounced } from "./useDebounced";

/** A unit to show as the current value before any search (e.g. the unit chosen by default). */
export type KnownUnit = { id: number; name: string; code: string; path?: string };

type Props = {
  value?: number | null;
  known?: KnownUnit | null;
  onChange?: (value: number | null) => void;
  placeholder?: string;
  allowClear?: boolean;
  testId?: string;
  /** The input's id, for a label's htmlFor; defaults to the test id. */
  id?: string;
  style?: CSSProperties;
};

/** A select whose options come from the unit search API as the user types. */
export function UnitSelect(props: Props) {
  const { value, known, onChange, placeholder, allowClear = true, testId, id, style } = props;
  const t = useT();
  const [text, setText] = useState("");
  const q = useDebounced(text.trim(), 300);
  const [hits, setHits] = useState<UnitSearchHit[]>([]);
  const [loading, setLoading] = useState(false);
  const [picked, setChosen] = useState<KnownUnit | null>(null);
  const chosen = picked && picked.id === value ? picked : known && known.id === value ? known : picked;

  useEffect(() => {
    if (q.length < 2) {
      setHits([]);
      return;
    }
    let live = true;
    setLoading(true);
    api
      .searchUnits(q)
      .then(
        (units) => {
          if (live) setHits(units.slice(0, 30));
        },
        () => {
          if (live) setHits([]);
        },
      )
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [q]);

  const options = [...(chosen && !hits.some((h) => h.id === chosen.id) ? [chosen] : []), ...hits].map(
    (h) => ({
      value: h.id,
      label: `${h.name} (${h.code})`,
      title: h.path,
    }),
  );

  return (
    <Select<number>
      value={value ?? undefined}
      onChange={(id) => {
        setChosen(hits.find((h) => h.id === id) ?? chosen);
        onChange?.(id ?? null);
      }}
      onClear={() => onChange?.(null)}
      allowClear={allowClear}
      placeholder={placeholder ?? t("users.unitPlaceholder")}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      notFoundContent={
        loading ? <Spin size="small" /> : q.length < 2 ? t("units.searchHint") : t("units.noHits")
      }
      options={options}
      optionRender={(option) => {
        const hit = hits.find((h) => h.id === option.value) ?? chosen;
        return (
          <div>
            <div>{option.label}</div>
            {hit?.path && <div style={{ fontSize: 12, color: "#888", whiteSpace: "normal" }}>{hit.path}</div>}
          </div>
        );
      }}
      data-testid={testId}
      id={id ?? testId}
      style={{ width: "100%", ...style }}
    />
  );
}
