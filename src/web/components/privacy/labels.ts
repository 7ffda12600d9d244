/** Options and labels of the data-subject requests in the page's language. */
import {
  type PersonSource,
  personSourceLabels,
  type RequestChannel,
  type RequestKind,
  type RequestStatus,
  requestChannelLabels,
  requestChannels,
  requestKindLabels,
  requestKinds,
  requestStatusLabels,
} from "../../../shared/privacy-requests";
import type { Lang } from "../../i18n/messages";

export const kindLabel = (kind: RequestKind, lang: Lang) => requestKindLabels[kind][lang];
export const channelLabel = (channel: RequestChannel, lang: Lang) => requestChannelLabels[channel][lang];
export const statusLabel = (status: RequestStatus, lang: Lang) => requestStatusLabels[status][lang];
export const sourceLabel = (source: PersonSource, lang: Lang) => personSourceLabels[source][lang];
export const kindOptions = (lang: Lang) => requestKinds.map((k) => ({ value: k, label: kindLabel(k, lang) }));
export const channelOptions = (lang: Lang) =>
  requestChannels.map((c) => ({ value: c, label: channelLabel(c, lang) }));
export const statusColors: Record<RequestStatus, string> = {
  received: "blue",
  acknowledged: "gold",
  done: "green",
  refused: "default",
};
