/**
 * Pickers of rows of another kind of the same commune: one row (a household's clan), found by typing, and many
 * rows (a clan's member households), all loaded once for a commune.
 */
import { Select } from "antd";
import { useEffect, useMemo, useState } from "react";
import { kindNamed } from "../../../shared/registry/kinds";
import { foldText } from "../../../shared/text";
import { type RegistryItem, registryApi } from "../../api/registries";
import { errorText } from "../../errors";
import { useLang, useT } from "../../i18n/messages";
import { useDebounced } from "../useDebounced";
import { cellText, itemName } from "./derive";

type Option = { value: number; label: string; search: string };

const PAGE = 500;
const MAX_PAGES = 40;

/** "Nguyễn Văn An · 0001 · Tổ dân phố số 1": the row's name, code and place. */
function useOptionOf(kindName: string) {
  const { lang } = useLang();
  return useMemo(() => {
    const kind = kindNamed(kindName);
    const code = Object.entries(kind.fields).find(([, f]) => f.type === "code")?.[0];
    return (item: RegistryItem): Option => {
      const parts = [
        itemName(kind, item),
        code ? String(item[code]) : "",
        cellText(kind, "unit", item, lang),
      ];
      const label = parts.filter(Boolean).join(" · ");
      return { value: item.id, label, search: foldText(label) };
    };
  }, [kindName, lang]);
}

type OneProps = {
  kind: string;
  communeId: number;
  value?: number | null;
  onChange?: (value: number | null) => void;
  testId: string;
};

/** One row of `kind` in the commune, searched as the user types (names without diacritics, or the code). */
export function ReferencePicker({ kind, communeId, value, onChange, testId }: OneProps) {
  const t = useT();
  const api = useMemo(() => registryApi(kindNamed(kind)), [kind]);
  const optionOf = useOptionOf(kind);
  const [text, setText] = useState("");
  const q = useDebounced(text.trim(), 300);
  const [options, setOptions] = useState<Option[]>([]);
  const [current, setCurrent] = useState<Option | null>(null);

  useEffect(() => {
    let live = true;
    api.list({ unitId: communeId, q, limit: 20 }).then(
      (page) => live && setOptions(page.items.map(optionOf)),
      () => live && setOptions([]),
    );
    return () => {
      live = false;
    };
  }, [api, communeId, q, optionOf]);

  // The chosen row's label, when it is not among the options found.
  useEffect(() => {
    if (!value || current?.value === value) return;
    let live = true;
    api.get({ id: value, communeId }).then(
      (item) => live && setCurrent(optionOf(item)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, value, communeId, current, optionOf]);

  const all = current && !options.some((o) => o.value === current.value) ? [current, ...options] : options;
  return (
    <Select<number>
      allowClear
      showSearch={{ filterOption: false, onSearch: setText }}
      placeholder={t("registry.searchHint")}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={all}
      data-testid={testId}
    />
  );
}

type ManyProps = Omit<OneProps, "value" | "onChange"> & {
  value?: number[];
  onChange?: (value: number[]) => void;
};

/** Rows of `kind` in the commune (all pages, up to 20,000), to tick several. */
export function MembersPicker({ kind, communeId, value, onChange, testId }: ManyProps) {
  const t = useT();
  const optionOf = useOptionOf(kind);
  const [state, setState] = useState<{ options: Option[] | null; error: string | null }>({
    options: null,
    error: null,
  });
  useEffect(() => {
    let live = true;
    const api = registryApi(kindNamed(kind));
    (async () => {
      const options: Option[] = [];
      for (let page = 0; page < MAX_PAGES; page++) {
        const r = await api.list({ unitId: communeId, offset: page * PAGE, limit: PAGE });
        options.push(...r.items.map(optionOf));
        if (options.length >= r.total || r.items.length < PAGE) break;
      }
      return options;
    })().then(
      (options) => live && setState({ options, error: null }),
      (err: unknown) => live && setState({ options: [], error: errorText(err, t) }),
    );
    return () => {
      live = false;
    };
  }, [kind, communeId, optionOf, t]);
  return (
    <Select<number[]>
      mode="multiple"
      allowClear
      loading={state.options === null}
      status={state.error ? "error" : undefined}
      placeholder={state.error ?? undefined}
      options={state.options ?? []}
      showSearch={{ filterOption: (input, option) => !!option?.search.includes(foldText(input)) }}
      value={value}
      onChange={(v) => onChange?.(v)}
      style={{ width: "100%" }}
      data-testid={testId}
    />
  );
}
