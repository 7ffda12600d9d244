import { Typography, theme } from "antd";
import type { CSSProperties, ReactNode } from "react";

/**
 * The page's one <h1> (screen readers and axe's "page-has-heading-one" look for it), drawn at the size of antd's
 * level-3 title (or level 2 with `size={2}`) so the pages look as before.
 */
export function PageTitle(props: {
  children: ReactNode;
  size?: 2 | 3;
  style?: CSSProperties;
  "data-testid"?: string;
}) {
  const { token } = theme.useToken();
  const fontSize = props.size === 2 ? token.fontSizeHeading2 : token.fontSizeHeading3;
  return (
    <Typography.Title
      level={1}
      style={{ margin: 0, fontSize, lineHeight: token.lineHeightHeading3, ...props.style }}
      data-testid={props["data-testid"]}
    >
      {props.children}
    </Typography.Title>
  );
}
