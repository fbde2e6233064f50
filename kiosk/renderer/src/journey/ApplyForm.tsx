import { useState } from 'react';
import { maskIdNumber, validateIdNumber, type FormField, type Item } from '@onetrip/domain';
import { pick, t, type Lang } from '../lib/i18n';
import type { CardIdentity } from './state';

/** Checks one value against its field; returns a bilingual problem or null. */
export function fieldProblem(field: FormField, raw: string): { zh: string; en: string } | null {
  const value = raw.trim();
  if (!value) return field.required ? { zh: '此项必填', en: 'Required' } : null;
  if (field.maxLength && value.length > field.maxLength) return { zh: `最多 ${field.maxLength} 个字`, en: `At most ${field.maxLength} characters` };
  switch (field.type) {
    case 'phone': return /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/.test(value) ? null : { zh: '请填写11位手机号或带区号的固定电话', en: 'A mobile number (11 digits) or a landline with area code' };
    case 'idNumber': { const r = validateIdNumber(value); return r.ok ? null : r.error.message; }
    case 'number': case 'amount': {
      const n = Number(value);
      if (!Number.isFinite(n)) return { zh: '请填写数字', en: 'A number, please' };
      if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max)) return { zh: `应在 ${field.min ?? '-'} 到 ${field.max ?? '-'} 之间`, en: `Between ${field.min ?? '-'} and ${field.max ?? '-'}` };
      return null;
    }
    case 'date': return /^\d{4}-\d{2}-\d{2}$/.test(value) ? null : { zh: '日期格式为 年-月-日', en: 'Date as YYYY-MM-DD' };
    case 'bankAccount': return /^\d{12,30}$/.test(value) ? null : { zh: '请填写12到30位卡号', en: '12 to 30 digits' };
    case 'select': return field.options?.some((o) => o.value === value) ? null : { zh: '请选择一项', en: 'Choose one' };
    default: return null;
  }
}

export function ApplyForm({ lang, item, identity, values, onChange, onNext }: {
  lang: Lang; item: Item; identity: CardIdentity; values: Record<string, string>;
  onChange: (key: string, value: string) => void; onNext: () => void;
}) {
  const [touched, setTouched] = useState(false);
  const problems = Object.fromEntries(item.formFields.map((f) => [f.key, fieldProblem(f, values[f.key] ?? '')]));
  const ok = Object.values(problems).every((p) => p === null);
  return (
    <main className="apply-form">
      <h2>{item.name[lang]}</h2>
      <p className="applicant">{t('applicant', lang)}：<strong>{identity.name}</strong> · {maskIdNumber(identity.idNumber)}</p>
      <form onSubmit={(e) => { e.preventDefault(); setTouched(true); if (ok) onNext(); }}>
        {item.formFields.map((f) => {
          const id = `field-${f.key}`;
          const problem = touched ? problems[f.key] : null;
          return (
            <div className="field" key={f.key}>
              <label htmlFor={id}>{pick(f.label, lang)}{f.required ? ' *' : ''}</label>
              {f.type === 'select' ? (
                <select id={id} value={values[f.key] ?? ''} onChange={(e) => onChange(f.key, e.target.value)} aria-invalid={!!problem}>
                  <option value="">—</option>
                  {f.options?.map((o) => <option key={o.value} value={o.value}>{pick(o.label, lang)}</option>)}
                </select>
              ) : f.type === 'textarea' ? (
                <textarea id={id} value={values[f.key] ?? ''} maxLength={f.maxLength ?? 1000} onChange={(e) => onChange(f.key, e.target.value)} aria-invalid={!!problem} />
              ) : (
                <input id={id} value={values[f.key] ?? ''} maxLength={f.maxLength ?? 200} aria-invalid={!!problem}
                  inputMode={['phone', 'number', 'amount', 'bankAccount'].includes(f.type) ? 'numeric' : undefined}
                  type={f.type === 'date' ? 'date' : 'text'} onChange={(e) => onChange(f.key, e.target.value)} />
              )}
              {problem && <p className="problem" role="alert">{problem[lang]}</p>}
            </div>
          );
        })}
        <button type="submit" className="primary">{t('next', lang)}</button>
      </form>
    </main>
  );
}
