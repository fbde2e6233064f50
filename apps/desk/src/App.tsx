// The desk's shell: sign-in, then the signed-in user's workspace with its replica; the language
// switch, and the session's end (sign-out or idle) which closes the replica.
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Replica } from '@onetrip/replica';
import { connectAgent, type AgentClient } from '@onetrip/hardware/browser';
import { signIn, type DeskSession } from './lib/auth';
import { createCredentialCache } from './lib/credential-cache';
import { catalogueRefreshMs, deskRoles, openDeskReplica, toDeskError } from './lib/desk-replica';
import { LangContext, type Bilingual, type Lang } from './lib/i18n';
import { SignIn } from './screens/SignIn';
import { Workspace } from './screens/Workspace';

/** `/config.json`: the sync server, the hardware agent when one runs here, how often item and region names are pulled (ms). */
export interface DeskConfig { serverUrl: string; agent?: { url: string; token: string }; catalogueRefreshMs?: number }

export function App({ config }: { config: DeskConfig }) {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem('onetrip-desk.lang') === 'en' ? 'en' : 'zh'));
  const [signedIn, setSignedInState] = useState<{ session: DeskSession; replica: Replica } | null>(null);
  // the live session outside React's state too, so signing out closes it exactly once
  const current = useRef<{ session: DeskSession; replica: Replica } | null>(null);
  const setSignedIn = useCallback((next: { session: DeskSession; replica: Replica } | null) => { current.current = next; setSignedInState(next); }, []);
  const cache = useMemo(() => createCredentialCache(localStorage), []);
  // the ID-card reader through the hardware agent on this computer, when the server says one runs
  const agent = useMemo<AgentClient | null>(() => (config.agent ? connectAgent({ url: config.agent.url, token: config.agent.token }) : null), [config.agent]);

  const toggleLang = useCallback(() => setLang((l) => {
    const next = l === 'zh' ? 'en' : 'zh';
    localStorage.setItem('onetrip-desk.lang', next);
    return next;
  }), []);

  const onSignIn = useCallback(async (username: string, password: string): Promise<Bilingual | null> => {
    const result = await signIn({ serverUrl: config.serverUrl, cache, store: localStorage, now: () => Date.now() }, username, password);
    if (!result.ok) return result.error.message;
    if (!(deskRoles as readonly string[]).includes(result.session.user.role)) {
      return { zh: '该账号不是工作台账号（管理员请使用管理后台）', en: 'This account has no desk workspace (administrators use the admin app)' };
    }
    try {
      const replica = await openDeskReplica(result.session, config.serverUrl, localStorage, catalogueRefreshMs(config.catalogueRefreshMs));
      setSignedIn({ session: result.session, replica });
      return null;
    } catch (error) {
      return toDeskError(error).message;
    }
  }, [cache, config.serverUrl, config.catalogueRefreshMs, setSignedIn]);

  const onSignOut = useCallback(() => {
    const ending = current.current;
    if (!ending) return;
    setSignedIn(null);
    void ending.replica.close();
    if (ending.session.mode === 'online') {
      void ending.session.credentials.getToken().then((token) => fetch(new URL('/api/v1/auth/logout', config.serverUrl), {
        method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}',
      })).catch(() => undefined);
    }
  }, [config.serverUrl, setSignedIn]);

  return (
    <LangContext.Provider value={lang}>
      {signedIn
        ? <Workspace session={signedIn.session} replica={signedIn.replica} agent={agent} onSignOut={onSignOut} onToggleLang={toggleLang} />
        : <SignIn onSignIn={onSignIn} onToggleLang={toggleLang} />}
    </LangContext.Provider>
  );
}
