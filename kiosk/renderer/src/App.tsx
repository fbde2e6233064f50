import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { lifeEventNames, searchCatalogue, type Item, type LifeEvent, type Site } from '@onetrip/domain';
import { createIdleWatch, type IdleWatch } from './lib/idle';
import { noticeDocument } from './lib/documents';
import { t, type Lang } from './lib/i18n';
import { speak } from './lib/speech';
import { ApplyJourney } from './journey/ApplyJourney';
import type { KioskServices } from './journey/services';
import { startJourney, type Journey } from './journey/state';
import { Attract } from './screens/Attract';
import { Home, type Department } from './screens/Home';
import { ItemList } from './screens/ItemList';
import { ItemPage, type PrintState } from './screens/ItemPage';
import { DeviceBanner } from './screens/DeviceBanner';
import { MoreRoutes, StaffCorner, isMoreScreen, type MoreScreen } from './screens/MoreRoutes';

type Screen =
  | { name: 'attract' }
  | { name: 'home' }
  | { name: 'list'; title: { zh: string; en: string }; codes: string[] }
  | { name: 'item'; code: string }
  | { name: 'apply'; code: string }
  | MoreScreen;

export interface AppProps {
  items: readonly Item[];
  departments: readonly Department[];
  site: Site;
  idle: { warnAfterMs: number; wipeAfterMs: number };
  online: boolean;
  services: KioskServices;
  /** The villager tapped the attract screen while the app was still loading. */
  startAtHome?: () => boolean;
}

export function App(props: AppProps) {
  const [screen, setScreen] = useState<Screen>(() => (props.startAtHome?.() ? { name: 'home' } : { name: 'attract' }));
  const [history, setHistory] = useState<Screen[]>([]);
  const [lang, setLang] = useState<Lang>('zh');
  const [elderly, setElderly] = useState(false);
  const [warnLeft, setWarnLeft] = useState<number | null>(null);
  const [printState, setPrintState] = useState<PrintState>('idle');
  /** Everything personal the kiosk holds for the villager in front of it. */
  const [journey, setJourneyState] = useState<Journey | null>(null);
  const idle = useRef<IdleWatch | null>(null);

  const go = useCallback((next: Screen) => {
    setHistory((h) => [...h, screen]);
    setScreen(next);
    setPrintState('idle');
  }, [screen]);

  const setJourney = useCallback((update: (j: Journey) => Journey) => setJourneyState((j) => (j ? update(j) : j)), []);

  /** The wipe: drop the journey (and its photo previews), and return to the attract screen. */
  const wipe = useCallback(() => {
    setJourneyState((j) => { for (const p of Object.values(j?.photos ?? {})) URL.revokeObjectURL(p.previewUrl); return null; });
    setScreen({ name: 'attract' });
    setHistory([]);
    setLang('zh');
    setElderly(false);
    setWarnLeft(null);
    setPrintState('idle');
  }, []);

  useEffect(() => {
    const watch = createIdleWatch({
      ...props.idle,
      onWarn: (ms) => setWarnLeft(Math.round(ms / 1000)),
      onWipe: wipe,
      timers: { setTimeout: (fn, ms) => window.setTimeout(fn, ms), clearTimeout: (h) => window.clearTimeout(h as number) },
    });
    idle.current = watch;
    const touch = () => { setWarnLeft(null); watch.activity(); };
    window.addEventListener('pointerdown', touch);
    window.addEventListener('keydown', touch);
    const cardTouch = props.services.subscribe((e) => { if (e.event === 'card') touch(); });
    return () => { watch.stop(); cardTouch(); window.removeEventListener('pointerdown', touch); window.removeEventListener('keydown', touch); };
  }, [props.idle, props.services, wipe]);

  useEffect(() => {
    if (warnLeft === null || warnLeft <= 0) return;
    if (elderly) speak(t('idleWarn', lang, { s: warnLeft }), lang);
    const tick = window.setTimeout(() => setWarnLeft((s) => (s === null ? null : s - 1)), 1000);
    return () => window.clearTimeout(tick);
  }, [elderly, warnLeft, lang]);

  const byCode = useMemo(() => new Map(props.items.map((i) => [i.code, i])), [props.items]);
  const listItems = screen.name === 'list' ? screen.codes.flatMap((c) => byCode.get(c) ?? []) : [];
  const item = screen.name === 'item' || screen.name === 'apply' ? byCode.get(screen.code) : undefined;

  const printNotice = async () => {
    if (!item) return;
    setPrintState('printing');
    const department = props.departments.find((d) => d.code === item.departmentCode)?.name ?? '';
    const outcome = await props.services.print(noticeDocument(item, props.site, department, new Date())).catch(() => null);
    setPrintState(outcome?.state ?? 'failed');
  };
  const apply = (code: string) => { setJourneyState(startJourney(code)); go({ name: 'apply', code }); };

  const root = (body: React.ReactNode) => (
    <div className={`kiosk${elderly ? ' elderly' : ''}`} lang={lang === 'zh' ? 'zh-CN' : 'en'}>{body}</div>
  );
  const openMaintenance = useCallback(() => { setHistory([]); setScreen({ name: 'maintenance' }); }, []);
  if (screen.name === 'attract') {
    return root(<><Attract lang={lang} onStart={() => go({ name: 'home' })} />{props.services.more && <StaffCorner lang={lang} onOpen={openMaintenance} />}</>);
  }
  return root(
    <>
      <header className="bar">
        <button type="button" onClick={() => { const prev = history.at(-1); setHistory((h) => h.slice(0, -1)); setScreen(prev ?? { name: 'home' }); }}>{t('back', lang)}</button>
        <button type="button" onClick={() => { wipe(); go({ name: 'home' }); }}>{t('home', lang)}</button>
        <span className={`net ${props.online ? 'on' : 'off'}`} role="status">{props.online ? t('online', lang) : t('offline', lang)}</span>
        <button type="button" onClick={() => setElderly(!elderly)} aria-pressed={elderly}>{elderly ? t('elderlyOff', lang) : t('elderlyOn', lang)}</button>
        <button type="button" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} lang={lang === 'zh' ? 'en' : 'zh-CN'}>{t('language', lang)}</button>
      </header>
      <DeviceBanner lang={lang} services={props.services} />
      {screen.name === 'home' && (
        <Home lang={lang} items={props.items} departments={props.departments}
          {...(props.services.more ? { onTicket: () => go({ name: 'ticket' }), onProgress: () => go({ name: 'progress' }) } : {})}
          onSearch={(q) => go({ name: 'list', title: { zh: `搜索：${q}`, en: `Search: ${q}` }, codes: searchCatalogue(props.items, q).map((i) => i.code) })}
          onLifeEvent={(e) => go({ name: 'list', title: lifeEventNames[e as LifeEvent] ?? { zh: e, en: e }, codes: props.items.filter((i) => i.lifeEvent === e).map((i) => i.code) })}
          onDepartment={(code) => {
            const d = props.departments.find((x) => x.code === code);
            go({ name: 'list', title: { zh: d?.name ?? code, en: d?.nameEn ?? code }, codes: props.items.filter((i) => i.departmentCode === code).map((i) => i.code) });
          }} />
      )}
      {screen.name === 'list' && <ItemList lang={lang} title={screen.title[lang]} items={listItems} onOpen={(code) => go({ name: 'item', code })} />}
      {screen.name === 'item' && item && <ItemPage lang={lang} item={item} printState={printState} onPrintNotice={() => void printNotice()} onApply={() => apply(item.code)} />}
      {screen.name === 'apply' && item && journey && (
        <ApplyJourney lang={lang} item={item} site={props.site} services={props.services} journey={journey} setJourney={setJourney} onFinish={wipe} />
      )}
      {isMoreScreen(screen) && <MoreRoutes screen={screen} lang={lang} site={props.site} items={props.items} services={props.services} onExit={wipe} />}
      {warnLeft !== null && (
        <div className="idle-warn" role="alertdialog" aria-live="assertive" aria-label={t('idleWarn', lang, { s: warnLeft })}>
          <p>{t('idleWarn', lang, { s: warnLeft })}</p>
          <button type="button" className="primary" onClick={() => { setWarnLeft(null); idle.current?.activity(); }}>{t('stillHere', lang)}</button>
        </div>
      )}
    </>,
  );
}
