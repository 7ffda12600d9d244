/** The suggestions of a commune's self-assessment for its centre-related items (GET /registrations/{id}/suggestions). */
import type { ItemSuggestion, SuggestionsResponse } from "../../shared/tt25-prefill";
import { commune, type RowRef, request } from "./client";

export type { ItemSuggestion, SuggestionsResponse };

export const prefillApi = {
  /** Named with the registration's commune: the server looks there alone (one shard). */
  suggestions: (registration: RowRef) =>
    request<SuggestionsResponse>("GET", `/registrations/${registration.id}/suggestions`, {
      query: commune(registration),
    }),
};
