// Spoken prompts for elderly mode, where the platform has a voice for the language.
import type { Lang } from './i18n';

export function speak(text: string, lang: Lang): boolean {
  const synth = typeof window !== 'undefined' ? window.speechSynthesis : undefined;
  if (!synth) return false;
  const tag = lang === 'zh' ? 'zh' : 'en';
  const voice = synth.getVoices().find((v) => v.lang.toLowerCase().startsWith(tag));
  if (!voice) return false;
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.voice = voice;
  utterance.lang = voice.lang;
  synth.cancel();
  synth.speak(utterance);
  return true;
}
