// The applicant, masked by default. "Reveal" asks for a reason and calls the server's
// POST /audit/reveal, which writes the audit entry before it answers; the answer is shown
// until the case is left. Offline there is no reveal: the audit must come first.
import { useState } from 'react';
import { maskIdNumber, maskName, type Applicant, type CaseState } from '@onetrip/domain';
import type { Replica } from '@onetrip/replica';
import { toDeskError } from '../lib/desk-replica';
import { ui, useLang, type Bilingual } from '../lib/i18n';

export function ApplicantCard({ state, replica }: { state: CaseState; replica: Replica }) {
  const lang = useLang();
  const [revealed, setRevealed] = useState<Applicant | null>(null);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<Bilingual | null>(null);
  const a = revealed ?? state.applicant;
  const reveal = async () => {
    setError(null);
    try {
      const answer = await replica.client.json<{ applicant: Applicant; auditId: string }>('POST', '/audit/reveal', { caseId: state.caseId, reason });
      setRevealed(answer.applicant);
      setAsking(false);
    } catch (e) {
      setError(toDeskError(e).message);
    }
  };
  return (
    <section aria-label={ui.applicant[lang]} className="applicant">
      <h2>{ui.applicant[lang]}{state.proxy ? (lang === 'zh' ? '（代办）' : ' (by proxy)') : ''}</h2>
      <dl>
        <dt>{ui.name[lang]}</dt><dd data-testid="applicant-name">{revealed ? a.name : maskName(a.name)}</dd>
        <dt>{ui.idNumber[lang]}</dt><dd data-testid="applicant-id">{revealed ? a.idNumber : maskIdNumber(a.idNumber)}</dd>
        {a.phone && <><dt>{ui.phone[lang]}</dt><dd>{revealed ? a.phone : `${a.phone.slice(0, 3)}****${a.phone.slice(-4)}`}</dd></>}
      </dl>
      {revealed && <p className="audited">{ui.revealed[lang]}</p>}
      {!revealed && !asking && <button type="button" onClick={() => setAsking(true)}>{ui.reveal[lang]}</button>}
      {asking && (
        <form onSubmit={(e) => { e.preventDefault(); void reveal(); }}>
          <label>{ui.revealReason[lang]}<input value={reason} onChange={(e) => setReason(e.target.value)} required minLength={2} maxLength={200} /></label>
          <button type="submit">{ui.confirm[lang]}</button>
          <button type="button" onClick={() => setAsking(false)}>{ui.cancel[lang]}</button>
        </form>
      )}
      {error && <p role="alert" className="error">{error.zh} / {error.en}</p>}
    </section>
  );
}
