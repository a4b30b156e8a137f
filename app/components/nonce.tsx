import { createContext, useContext } from "react";

/** The request's CSP nonce, given to Remix's inline scripts; empty in the browser after hydration. */
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
