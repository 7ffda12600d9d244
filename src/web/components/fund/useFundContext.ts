/**
 * The fund a page works on, loaded with its commune (the caller's permissions there and the units above it for the
 * role notes) and loaded again after every action: what the fund's page and an award round's page start from.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import type { UnitDetail } from "../../../shared/api";
import type { FundDetail } from "../../../shared/fund";
import { api } from "../../api/client";
import { fundApi } from "../../api/fund";
import { errorText } from "../../errors";
import { useT } from "../../i18n/messages";
import { useMe } from "../../session";
import type { PlacedUnit } from "../Capability";
import type { FundContext } from "./common";

/**
 * `unitId`: the fund's unit from the page's address (old links have none; the requests after the first name the
 * unit the fund was found in); `date`: the balances' date (the API's default, today, without it); `year`: the year
 * the lists show.
 */
export function useFundContext(
  id: number,
  unitId: number | undefined,
  year: number,
  date?: string,
): { context: FundContext | null; error: string | null; changed: () => void } {
  const t = useT();
  const me = useMe();
  const [version, setVersion] = useState(0);
  const changed = useCallback(() => setVersion((v) => v + 1), []);
  const [loaded, setLoaded] = useState<{ fund: FundDetail; unit: UnitDetail } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void version;
    fundApi
      .get(id, unitId, date)
      .then(async (fund) => ({ fund, unit: await api.unit(fund.unit.id) }))
      .then(
        (data) => {
          if (!live) return;
          setLoaded(data);
          setError(null);
        },
        (err: unknown) => live && setError(errorText(err, t)),
      );
    return () => {
      live = false;
    };
  }, [id, unitId, date, version, t]);

  const context: FundContext | null = useMemo(() => {
    if (!loaded) return null;
    const place: PlacedUnit = {
      name: loaded.unit.name,
      ids: [loaded.unit.id, ...loaded.unit.ancestors.map((a) => a.id)],
    };
    return { fund: loaded.fund, can: loaded.unit.can, place, me, year, changed, version };
  }, [loaded, me, year, changed, version]);
  return { context, error, changed };
}
