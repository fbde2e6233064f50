// 补正告知书: the one-time notice of missing materials, printed from the browser (the print
// stylesheet shows only the notice).
import type { CaseState } from '@onetrip/domain';
import { ui, useLang } from '../lib/i18n';
import { useNames } from '../lib/names';

export function MaterialsNotice({ state, materials, reason, onClose }: { state: CaseState; materials: string[]; reason: string; onClose(): void }) {
  const lang = useLang();
  const { findItem, itemName, regionName } = useNames();
  const item = findItem(state.itemCode);
  const names = materials.map((code) => item?.materials.find((m) => m.code === code)?.name ?? { zh: code, en: code });
  return (
    <div className="notice-sheet" role="dialog" aria-label={ui.noticeTitle[lang]}>
      <div className="printable">
        <h2>{ui.noticeTitle.zh} <small lang="en">{ui.noticeTitle.en}</small></h2>
        <p>{itemName(state.itemCode, 'zh')} / {itemName(state.itemCode, 'en')}</p>
        <p>{ui.caseNumber.zh} / {ui.caseNumber.en}: <span className="mono">{state.caseId}</span></p>
        <p>请一次性补齐以下材料 / Please bring all of the following at once:</p>
        <ol>{names.map((n) => <li key={n.zh}>{n.zh} / {n.en}</li>)}</ol>
        {reason && <p data-testid="notice-reason">补正理由 / Reason: {reason}</p>}
        <p>{regionName(state.holder.regionCode, 'zh')} · {new Date().toLocaleDateString('zh-CN')}</p>
      </div>
      <button type="button" onClick={() => window.print()}>{ui.printNotice[lang]}</button>
      <button type="button" onClick={onClose}>{ui.cancel[lang]}</button>
    </div>
  );
}
