import { useSyncExternalStore, type ReactNode } from "react";

const subscribeToNothing = () => () => {};

/** false on the server and during hydration, true afterwards; no extra render pass. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false
  );
}

/**
 * Renders its children only in the browser. `*.client.tsx` modules are empty on the server, so
 * what they export may only be used inside `children` (a function, so it is not called there).
 */
export function ClientOnly({ children, fallback = null }: { children: () => ReactNode; fallback?: ReactNode }) {
  return useHydrated() ? <>{children()}</> : <>{fallback}</>;
}
