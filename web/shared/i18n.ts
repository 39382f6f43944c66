/**
 * Interface text in Vietnamese (the default: the pages are used at Hanoi's counters and offices)
 * and English. The choice is kept in localStorage: it is a preference, not a secret.
 */
import { useSyncExternalStore } from 'react';
import { type Strings, en, vi } from './strings';

export type Lang = 'vi' | 'en';
const KEY = 'lienthong:lang';
const listeners = new Set<() => void>();

function stored(): Lang {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

let current: Lang = stored();

export function setLang(lang: Lang): void {
  current = lang;
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    // Storage may be off (a locked-down profile): the choice then lasts for this page only.
  }
  document.documentElement.lang = lang;
  for (const listener of listeners) listener();
}

/** The current language's strings; re-renders the caller when the language changes. */
export function useStrings(): { t: Strings; lang: Lang } {
  const lang = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
  return { t: lang === 'en' ? en : vi, lang };
}

/** Dates and numbers as the reader expects them, in Hanoi's time zone. */
export function formatters(lang: Lang) {
  const locale = lang === 'en' ? 'en-GB' : 'vi-VN';
  return {
    number: (n: number, digits = 0) => n.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }),
    date: (iso: string) => new Date(`${iso}T00:00:00+07:00`).toLocaleDateString(locale, { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }),
    dateTime: (iso: string) => new Date(iso).toLocaleString(locale, { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }),
  };
}
