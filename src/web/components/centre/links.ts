/**
 * Links to a centre's page and to an activity's attendance page. Their addresses hold the id; the row's commune
 * rides along (`?xa=`, the router's communeKey), which the page sends with each of its API calls (the server then
 * looks in that commune alone: one shard, docs/SCALE-OUT.md). An old link without it still opens: the page asks by
 * id alone first, then names the commune it found.
 */
import { type RowRef, withQuery } from "../../api/client";
import { communeKey, paths } from "../../router";

export const centrePath = (centre: RowRef) =>
  withQuery(`/trung-tam-hoc-tap/${centre.id}`, { [communeKey]: centre.communeId });

export const attendancePath = (activity: RowRef) =>
  withQuery(paths.attendanceOf(activity.id), { [communeKey]: activity.communeId });
