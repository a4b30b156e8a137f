import { useBlocker } from "@remix-run/react";
import { useCallback, useEffect } from "react";

export function unsavedChangesMessage(count: number): string {
  return count === 1
    ? "Hay 1 cambio sin guardar. ¿Salir sin guardar?"
    : `Hay ${count.toLocaleString("es-CL")} cambios sin guardar. ¿Salir sin guardar?`;
}

/**
 * Warns before unsaved edits are lost: closing or reloading the tab (the browser's own dialog,
 * `beforeunload`) and leaving through the app's links or filters (Remix's blocker, with our
 * Spanish question). Submitting to the same address (e.g. the route's own form) is not blocked.
 * `onLeave` runs when the person chooses to leave: a route that stays mounted (only its search
 * changed, e.g. another year) must not keep showing the abandoned edits.
 */
export function useUnsavedChangesWarning(count: number, onLeave?: () => void): void {
  const dirty = count > 0;

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the dialog only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [dirty]);

  const shouldBlock = useCallback(
    ({
      currentLocation,
      nextLocation,
    }: {
      currentLocation: { pathname: string; search: string };
      nextLocation: { pathname: string; search: string };
    }) => dirty && (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
    [dirty]
  );
  const blocker = useBlocker(shouldBlock);

  useEffect(() => {
    if (blocker.state !== "blocked") return;
    if (window.confirm(unsavedChangesMessage(count))) {
      onLeave?.();
      blocker.proceed();
    } else {
      blocker.reset();
    }
  }, [blocker, count, onLeave]);
}
