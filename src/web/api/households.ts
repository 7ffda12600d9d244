/** Households of a commune: the registry client of the kind (kept for the pages that list households). */
export { householdApi } from "./registries";
