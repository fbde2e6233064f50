// The hall display for a television: the number being called and its window, large, the last
// few called, and the call announced by voice (speechSynthesis) where the platform has a
// Chinese voice — silently nothing where it has none. It needs no sign-in: the desk on the same
// computer sends it what it shows (BroadcastChannel). Browsers speak only after someone has
// interacted with the page once, hence the "turn on announcements" button (or start Chromium
// with --autoplay-policy=no-user-gesture-required on the hall's computer).
import { useEffect, useRef, useState } from 'react';
import { announcement, chooseVoice } from '../lib/queue';
import type { HallCall, HallMessage } from './hall-channel';

/** Asks the platform to say `text` in Chinese; does nothing where it cannot. */
export function announce(text: string): void {
  try {
    const synth = globalThis.speechSynthesis as SpeechSynthesis | undefined;
    if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return;
    const voice = chooseVoice(synth.getVoices());
    if (voice === null) return;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = 'zh-CN';
    utterance.rate = 0.9;
    if (voice !== 'default') utterance.voice = voice;
    utterance.onerror = () => undefined; // no voice after all, or not allowed yet: the screen still shows the call
    synth.speak(utterance);
  } catch (_unavailable) {
    // a platform without speech: showing the number is enough
  }
}

const keyOf = (call: HallCall | undefined): string => (call ? `${call.label}@${call.calledAt ?? ''}@${call.counter ?? ''}` : '');

export function Hall({ channelName }: { channelName: string }) {
  const [shown, setShown] = useState<{ current: HallCall | null; recent: HallCall[] }>({ current: null, recent: [] });
  const [voiceOn, setVoiceOn] = useState(false);
  const last = useRef<string | null>(null);
  useEffect(() => {
    const channel = new BroadcastChannel(channelName);
    channel.onmessage = (e: MessageEvent<HallMessage>) => {
      if (e.data?.kind !== 'calls' || !Array.isArray(e.data.recent)) return;
      const current = e.data.current ?? null;
      const key = keyOf(current ?? undefined);
      // a new call, or a recall (new calledAt): announce it; not what was already on when the display opened
      if (last.current !== null && current && key !== last.current) announce(announcement(current.label, current.counter).zh);
      last.current = key;
      setShown({ current, recent: e.data.recent.slice(0, 10) });
    };
    channel.postMessage({ kind: 'hello' } satisfies HallMessage);
    return () => channel.close();
  }, [channelName]);
  const current = shown.current ?? shown.recent[0];
  const earlier = shown.recent.filter((t) => t !== current && !(t.label === current?.label && t.calledAt === current?.calledAt)).slice(0, 5);
  const said = current ? announcement(current.label, current.counter) : null;
  const speechAvailable = typeof globalThis.speechSynthesis !== 'undefined';
  return (
    <main className="hall" aria-live="assertive">
      <div>
        <p className="hall-title" data-testid="hall-call">{said ? said.zh : '请稍候'}</p>
        <p className="hall-number"><strong data-testid="hall-current">{current?.label ?? '—'}</strong>{current?.counter ? <span data-testid="hall-counter"> → {current.counter} 号窗口</span> : null}</p>
        <p className="hall-en" lang="en">{said ? said.en : 'Please wait'}</p>
        <ol className="hall-recent">{earlier.map((t) => <li key={`${t.label}-${t.calledAt}`}>{t.label}{t.counter ? ` → ${t.counter}` : ''}</li>)}</ol>
        {speechAvailable && !voiceOn && (
          <button type="button" className="hall-voice" onClick={() => { setVoiceOn(true); announce('语音播报已开启'); }}>开启语音播报 / Turn on announcements</button>
        )}
      </div>
    </main>
  );
}
