/** The suggestions of a commune's self-assessment for its centre-related items (GET /registrations/{id}/suggestions). */
import type { ItemSuggestion, SuggestionsResponse } from "../../shared/tt25-prefill";
import { request } from "./client";

export type { ItemSuggestion, SuggestionsResponse };

export const prefillApi = {
  suggestions: (registrationId: number) =>
    request<SuggestionsResponse>("GET", `/registrations/${registrationId}/suggestions`),
};
