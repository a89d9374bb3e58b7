/** Stands in for `nanoid/non-secure` (ESM only, which jest's CommonJS run cannot load): same shape, same alphabet use. */
export const customAlphabet = (alphabet: string, size = 21) => () =>
  Array.from({ length: size }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');
