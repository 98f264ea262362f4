import { createContext, useContext } from "hono/jsx";
import type { Bilingual } from "../../text/bilingual";
import type { Lang } from "../../text/language";

/** What every component of a page may need to know about the request: its language and path. */
export interface PageContextValue {
  lang: Lang;
  /** The path and query of the page (for the language switch and the current menu item). */
  path: string;
}

export const PageContext = createContext<PageContextValue>({ lang: "th", path: "/" });

/** The page's language; call only while a page renders (inside `PageContext.Provider`). */
export function useLang(): Lang {
  return useContext(PageContext).lang;
}

/** The page's path and query; call only while a page renders. */
export function usePath(): string {
  return useContext(PageContext).path;
}

/** A text in the page's language, as a string (for attributes and props). Call only while a page renders. */
export function t(text: Bilingual): string {
  return text[useLang()];
}

/** A text in the page's language. */
export function T(props: Bilingual) {
  return <>{props[useLang()]}</>;
}
