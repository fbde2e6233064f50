import { useState } from 'react';

/** First start: staff enroll the kiosk with the one-time code from the county administrator. */
export function Enroll({ enroll }: { enroll: (code: string) => Promise<void> }) {
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<{ zh: string; en: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try { await enroll(code); } catch (err) {
      const m = (err as { message?: unknown }).message;
      setProblem(typeof m === 'object' && m !== null ? m as { zh: string; en: string } : { zh: '注册失败，请核对注册码', en: 'Enrollment failed; check the code' });
    } finally { setBusy(false); }
  };
  return (
    <main className="enroll">
      <h1>终端注册 <span lang="en">Kiosk enrollment</span></h1>
      <p>仅限工作人员：请输入县级管理员提供的一次性注册码。<br /><span lang="en">Staff only: enter the one-time code from the county administrator.</span></p>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <label htmlFor="enroll-code">注册码 / code</label>
        <input id="enroll-code" value={code} onChange={(e) => setCode(e.target.value)} maxLength={64} autoComplete="off" />
        <button type="submit" className="primary" disabled={busy || code.trim().length < 4}>注册 / Enroll</button>
      </form>
      {problem && <p role="alert" className="problem">{problem.zh} / <span lang="en">{problem.en}</span></p>}
    </main>
  );
}
