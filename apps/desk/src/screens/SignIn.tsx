import { useState, type FormEvent } from 'react';
import { ui, useLang, type Bilingual } from '../lib/i18n';

export function SignIn({ onSignIn, onToggleLang }: { onSignIn(username: string, password: string): Promise<Bilingual | null>; onToggleLang(): void }) {
  const lang = useLang();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Bilingual | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const failed = await onSignIn(username.trim(), password);
    setBusy(false);
    if (failed) { setError(failed); setPassword(''); }
  };

  return (
    <main className="sign-in">
      <form onSubmit={(e) => void submit(e)} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{ui.appName[lang]}</h1>
        <label>{ui.username[lang]}
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
        </label>
        <label>{ui.password[lang]}
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {error && <p role="alert" className="error">{error.zh} / {error.en}</p>}
        <button type="submit" disabled={busy}>{busy ? ui.signingIn[lang] : ui.signIn[lang]}</button>
        <button type="button" className="link" onClick={onToggleLang}>{ui.switchLang[lang]}</button>
      </form>
    </main>
  );
}
