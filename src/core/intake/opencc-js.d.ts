// opencc-js ships typings for its main entry only; its raw dictionaries (exported as "./*") are plain
// "source target|source target" strings.
declare module 'opencc-js/dict/*' {
  const dictionary: string;
  export default dictionary;
}
