/**
 * The one date field of forms and filters that keep dates as ISO strings ("2026-03-31"): antd's DatePicker shown and
 * typed as DD/MM/YYYY whatever the browser's language (a native `<input type="date">` shows mm/dd/yyyy in an English
 * Chrome). Used directly as a Form.Item child (value/onChange) or controlled. The fund's forms, which keep dayjs
 * values, use `DateInput` (components/fund/common.tsx) with the same format.
 */
import { DatePicker } from "antd";
import dayjs from "dayjs";
import type { CSSProperties } from "react";

export const DATE_FORMAT = "DD/MM/YYYY";

export function IsoDateField({
  value,
  onChange,
  id,
  testId,
  allowClear = true,
  style,
  disabled,
  placeholder,
}: {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  id?: string;
  /** Put on the text input itself, so a test can type "31/03/2026" into it. */
  testId?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  disabled?: boolean;
  placeholder?: string;
}) {
  const day = value ? dayjs(value, "YYYY-MM-DD", true) : null;
  return (
    <DatePicker
      id={id}
      value={day?.isValid() ? day : null}
      format={DATE_FORMAT}
      allowClear={allowClear}
      disabled={disabled}
      placeholder={placeholder}
      style={{ width: "100%", minWidth: 140, ...style }}
      onChange={(d) => onChange?.(d ? d.format("YYYY-MM-DD") : undefined)}
      {...(testId ? { "data-testid": testId } : {})}
    />
  );
}
