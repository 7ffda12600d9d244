/** The signed-in user, shared by all pages. */
import { createContext, useContext } from "react";
import type { Me, RoleName } from "../shared/api";

export type SessionState =
  | { status: "loading" }
  | { status: "anonymous" }
  | { status: "ready"; user: Me; csrfToken: string };

export type SessionContextValue = {
  session: SessionState;
  signedIn: (user: Me, csrfToken: string) => void;
  signOut: () => Promise<void>;
};

export const SessionContext = createContext<SessionContextValue>({
  session: { status: "loading" },
  signedIn: () => {},
  signOut: async () => {},
});

export function useSession(): SessionContextValue {
  return useContext(SessionContext);
}

/** The signed-in user (pages under the app layout are only rendered when there is one). */
export function useMe(): Me {
  const { session } = useSession();
  if (session.status !== "ready") throw new Error("useMe outside a signed-in page");
  return session.user;
}

export function hasRole(user: Me, ...roles: RoleName[]): boolean {
  return user.grants.some((g) => roles.includes(g.role));
}
