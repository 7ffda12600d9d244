import { Grid } from "antd";

/** True on a phone (narrower than antd's `sm`, 576 px): tables then fold their columns into one. */
export function useCompact(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.sm === false || (screens.sm === undefined && window.innerWidth < 576);
}
