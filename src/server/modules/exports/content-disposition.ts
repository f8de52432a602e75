/** `Content-Disposition: attachment` with an ASCII fall-back name and the real (Chinese) name as RFC 5987 `filename*`. */
export function attachment(fileName: string, asciiFallback: string): string {
  // RFC 5987 attr-char: everything else percent-encoded, including the characters encodeURIComponent leaves alone.
  const encoded = encodeURIComponent(fileName).replace(/['()*!]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  const fallback = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
