/** The frame of every page: a skip link, the name, the four pages, the language switch. */
import type { ReactNode } from 'react';
import { setLang, useStrings } from './i18n';

export type PageName = 'graphiql' | 'counter' | 'dashboard' | 'citizen';

export function Layout({ page, title, children, wide = false }: { page: PageName; title: string; children: ReactNode; wide?: boolean }) {
  const { t, lang } = useStrings();
  const links: Array<[PageName, string]> = [
    ['counter', '/counter'],
    ['dashboard', '/dashboard'],
    ['citizen', '/citizen'],
    ['graphiql', '/graphiql'],
  ];
  return (
    <div className={wide ? 'frame frame-wide' : 'frame'}>
      <a className="skip" href="#main">
        {lang === 'vi' ? 'Bỏ qua tới nội dung' : 'Skip to content'}
      </a>
      <header className="topbar">
        <span className="brand">{t.appName}</span>
        <nav aria-label={lang === 'vi' ? 'Các trang' : 'Pages'}>
          {links.map(([name, href]) => (
            <a key={name} href={href} aria-current={name === page ? 'page' : undefined}>
              {t.nav[name]}
            </a>
          ))}
        </nav>
        <button type="button" className="lang" lang={lang === 'vi' ? 'en' : 'vi'} onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
          {t.otherLang}
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {title ? <h1>{title}</h1> : null}
        {children}
      </main>
    </div>
  );
}
