// The hall display for a television: the number being called, large, and the last few called.
// It needs no sign-in: the desk on the same computer sends it what it shows (BroadcastChannel).
import { useEffect, useState } from 'react';

interface HallMessage { siteId: string; recent: { label: string; calledAt?: string }[] }

export function Hall({ channelName }: { channelName: string }) {
  const [message, setMessage] = useState<HallMessage | null>(null);
  useEffect(() => {
    const channel = new BroadcastChannel(channelName);
    channel.onmessage = (e: MessageEvent<HallMessage>) => setMessage(e.data);
    return () => channel.close();
  }, [channelName]);
  const [current, ...earlier] = message?.recent ?? [];
  return (
    <main className="hall" aria-live="assertive">
      <div>
        <p className="hall-title">请 <strong data-testid="hall-current">{current?.label ?? '—'}</strong> 号到窗口办理</p>
        <p className="hall-en" lang="en">Now serving {current?.label ?? '—'}</p>
        <ol className="hall-recent">{earlier.map((t) => <li key={`${t.label}-${t.calledAt}`}>{t.label}</li>)}</ol>
      </div>
    </main>
  );
}
