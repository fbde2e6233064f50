/** Vite's `?raw` imports (used by tests to read a docs page without node:fs). */
declare module '*?raw' {
  const text: string;
  export default text;
}
