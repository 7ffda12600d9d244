/**
 * "Trong danh sách / Ghi tên": whom a receipt or a proposal names, a row of one of the commune's lists (the donors,
 * the beneficiaries) found as the user types (a name without tone marks, or a code), or a name typed in. The form
 * field `source` holds the choice; the row's id goes into the form field the caller names.
 */
import { Form, Radio, Select } from "antd";
import { type ReactNode, useEffect, useState } from "react";
import type { KindDeclaration } from "../../../shared/registry/declaration";
import { registryApi } from "../../api/registries";
import { useDebounced } from "../useDebounced";
import { useLoaded } from "./common";

export type Source = "list" | "typed";

/** The switch between the list and a typed name (form field `source`). */
export function SourceSwitch(props: { label: string; fromList: string; typed: string; testId: string }) {
  return (
    <Form.Item name="source" label={props.label}>
      <Radio.Group
        options={[
          { value: "list", label: props.fromList },
          { value: "typed", label: props.typed },
        ]}
        data-testid={props.testId}
      />
    </Form.Item>
  );
}

/**
 * A row of `kind` in the commune, required, in the form field `name`; `describe` labels an option, `onPicked`
 * hears the chosen row, `extra` shows under the field (what the choice means).
 */
export function ListPick<Item extends { id: number }>(props: {
  kind: Pick<KindDeclaration, "name" | "entity">;
  communeId: number;
  name: string;
  describe: (item: Item) => string;
  label: string;
  placeholder: string;
  requiredMessage: string;
  testId: string;
  onPicked?: (item: Item | null) => void;
  extra?: ReactNode;
}) {
  const { kind, communeId } = props;
  const [query, setQuery] = useState("");
  const q = useDebounced(query, 250);
  const { data } = useLoaded(`${kind.name}|${communeId}|${q}`, () =>
    registryApi<Item>(kind).list({ unitId: communeId, q, limit: 30 }),
  );
  // The rows found last stay on show while the next search loads: an option never vanishes under the finger.
  const [items, setItems] = useState<Item[]>([]);
  useEffect(() => {
    if (data) setItems(data.items);
  }, [data]);
  return (
    <Form.Item
      name={props.name}
      rules={[{ required: true, message: props.requiredMessage }]}
      extra={props.extra}
    >
      <Select<number>
        showSearch={{ filterOption: false, onSearch: setQuery }}
        options={items.map((item) => ({ value: item.id, label: props.describe(item) }))}
        onChange={(id) => props.onPicked?.(items.find((item) => item.id === id) ?? null)}
        placeholder={props.placeholder}
        aria-label={props.label}
        data-testid={props.testId}
      />
    </Form.Item>
  );
}
