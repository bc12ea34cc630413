// What tests look for in output that must be safe for a terminal: a control character other than
// the newline that ends a line (C0, DEL, C1), raw.
export const hasRawControl = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
};
