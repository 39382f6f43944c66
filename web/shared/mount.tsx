/** Renders a page's root component into #root, with the document language set. */
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { useStrings } from './i18n';

function LangAttribute() {
  const { lang } = useStrings();
  document.documentElement.lang = lang;
  return null;
}

export function mount(page: ReactNode): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('the page has no #root element');
  createRoot(root).render(
    <StrictMode>
      <LangAttribute />
      {page}
    </StrictMode>,
  );
}
