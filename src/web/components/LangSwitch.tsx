import { GlobalOutlined } from "@ant-design/icons";
import { Select } from "antd";
import { type Lang, useLang, useT } from "../i18n/messages";

/** Tiếng Việt / English; the choice is kept in localStorage. */
export function LangSwitch({ block = false }: { block?: boolean }) {
  const { lang, setLang } = useLang();
  const t = useT();
  return (
    <Select<Lang>
      value={lang}
      onChange={setLang}
      aria-label={t("lang.label")}
      data-testid="lang-switch"
      prefix={<GlobalOutlined />}
      style={{ width: block ? "100%" : 150 }}
      options={[
        { value: "vi", label: t("lang.vi") },
        { value: "en", label: t("lang.en") },
      ]}
    />
  );
}
