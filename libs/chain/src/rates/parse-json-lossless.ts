/** A JSON number kept as its source text, so no digit is lost to a float. */
export class JsonNumber {
  constructor(readonly text: string) {}
}

export type LosslessJson = null | boolean | string | JsonNumber | LosslessJson[] | { [key: string]: LosslessJson };

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS: Record<string, LosslessJson> = { true: true, false: false, null: null };

/**
 * JSON.parse that keeps numbers as text. (Node 20's JSON.parse has no access to
 * a number's source text, and a price such as 0.1 is not representable as a float.)
 */
export function parseJsonLossless(text: string): LosslessJson {
  let i = 0;
  const fail = (): never => {
    throw new SyntaxError(`Invalid JSON at position ${i}`);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const string = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (text[i] !== '"') fail();
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (): LosslessJson => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const object: { [key: string]: LosslessJson } = {};
      ws();
      if (text[i] === '}') return i++, object;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        const key = string();
        ws();
        if (text[i++] !== ':') fail();
        Object.defineProperty(object, key, { value: value(), enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return i++, object;
        else fail();
      }
    }
    if (c === '[') {
      i++;
      const array: LosslessJson[] = [];
      ws();
      if (text[i] === ']') return i++, array;
      for (;;) {
        array.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return i++, array;
        else fail();
      }
    }
    if (c === '"') return string();
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(text);
    if (number) {
      i += number[0].length;
      return new JsonNumber(number[0]);
    }
    for (const [word, literal] of Object.entries(LITERALS)) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return literal;
      }
    }
    return fail();
  };
  const result = value();
  ws();
  if (i !== text.length) fail();
  return result;
}
