/// <reference path="../types/index.d.ts" />
// pii-masker: replaces e-mail addresses, phone numbers and US social security numbers in the chat
// messages before they go upstream. By default each kind gets its own placeholder ([EMAIL],
// [PHONE], [SSN]) so the model still knows what was there; config.mask replaces all with one text.
// Copy into the gateway's plugins/ directory, then:
//   curl -X POST http://localhost:8001/services/mock-llm/plugins --data "name=pii-masker"

export const name = "pii-masker";
export const version = "1.0.0";
export const priority = 780; // after prompt-rewriter (790), so its message is masked too when its role is listed
export const schema = {
  mask: {
    type: "string",
    description: "One replacement for every kind; unset: [EMAIL], [PHONE] and [SSN].",
  },
  roles: {
    type: "array", default: ["user"],
    description: "The roles whose messages are masked (system, user, assistant, tool).",
  },
};

// Compiled once, when the module loads; never per request.
//
// Each kind is a sticky (/y) regex plus a function that finds where a match can start. Why not
// text.replace(/.../g): that tries the regex at every position of a 2 KB prompt, and these four
// also push GraalJS's regex engine off its fast automaton onto backtracking ({2,24}, look-aheads
// of more than one character, a back-reference, INTL's many optional parts). Trying each only
// where it can match — at an "@", a "+", 3 characters before a "-", at a "(" or an area code —
// gives the same results about 5x faster (docs/benchmarks.md).

// name@domain.tld, the TLD letters only (so "lodash@4.17.21" is not an address).
const EMAIL = /(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-])/y;

// US SSN: AAA-GG-SSSS; area not 000, 666 or 9xx, group not 00, serial not 0000.
const SSN = /(?<![\w-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w-])/y;

// International: "+" country code, then 2 to 6 digit groups separated by a space, dot or dash,
// the area code possibly in parentheses; 8 to 15 digits in all (E.164), checked in intlPhone.
const INTL = /(?<![\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,6}(?![\w-])/y;

// North American without "+": (415) 555-0100, 415-555-0100, 415.555.0100 (one separator kind);
// area code and exchange start with 2-9, as in real numbers.
const NANP = /(?<![\w#$+.-])(?:\([2-9]\d{2}\) ?[2-9]\d{2}-\d{4}|[2-9]\d{2}([-.])[2-9]\d{2}\1\d{4})(?![\w-]|\.\d)/y;

// Where a match can start: the first such position >= from, or -1. These may return a position
// where the regex then fails, but never skip one where it would match.

/** An address has an "@": back up over the characters of its name to where the name begins. */
function emailStart(text, from) {
  for (let at = text.indexOf("@", from); at !== -1; at = text.indexOf("@", at + 1)) {
    let start = at;
    while (start > 0 && isNameChar(text.charCodeAt(start - 1))) start--;
    // A name that begins before `from` was tried already or is the end of the previous match.
    if (start >= from && start < at) return start;
  }
  return -1;
}

/** [A-Za-z0-9._%+-], a character of an address's name: the set EMAIL's look-behind rules out. */
function isNameChar(c) {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39)
    || c === 0x2e || c === 0x5f || c === 0x25 || c === 0x2b || c === 0x2d; // . _ % + -
}

/** An SSN's first "-" is its 4th character. */
function ssnStart(text, from) {
  const dash = text.indexOf("-", from + 3);
  return dash === -1 ? -1 : dash - 3;
}

/** An international number starts with its "+". */
function intlStart(text, from) {
  return text.indexOf("+", from);
}

// A North American number starts with "(", or with a digit 2-9 that has a "-" or "." 3 characters
// on. A regex rather than a loop over the characters: a built-in scans the text much faster than
// JavaScript statements (which the gateway also counts against the script's statement limit).
const NANP_START = /\(|[2-9]\d\d[-.]/g;

function nanpStart(text, from) {
  NANP_START.lastIndex = from;
  const found = NANP_START.exec(text);
  return found === null ? -1 : found.index;
}

/**
 * `text` with every match of the sticky `regex` replaced by `replacement(match)`, trying the regex
 * only where `nextStart` finds a match can start. The same result as text.replace with the regex
 * made global, except that the replacement is inserted as it is ("$&" stays "$&").
 * @param {string} text @param {RegExp} regex @param {(text: string, from: number) => number} nextStart
 * @param {(match: string) => string} replacement
 */
function replaceMatches(text, regex, nextStart, replacement) {
  let out = "";
  let copied = 0; // text before this index is in `out` already
  let at = nextStart(text, 0);
  while (at !== -1) {
    regex.lastIndex = at;
    if (regex.test(text)) {
      const end = regex.lastIndex;
      out += text.slice(copied, at) + replacement(text.slice(at, end));
      copied = end;
      at = nextStart(text, end);
    } else {
      at = nextStart(text, at + 1);
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

const DIGIT = /\d/g;

/** @param {string} placeholder @returns {(match: string) => string} */
function intlPhone(placeholder) {
  return (match) => {
    const digits = (match.match(DIGIT) || []).length;
    return digits >= 8 && digits <= 15 ? placeholder : match;
  };
}

/**
 * The text with every e-mail address, SSN and phone number replaced: one kind after the other,
 * each on the text the previous one left.
 * @param {string} text @param {{mask?: string}} config
 */
function mask(text, config) {
  const m = config.mask;
  const email = m ? m : "[EMAIL]", ssn = m ? m : "[SSN]", phone = m ? m : "[PHONE]";
  let s = replaceMatches(text, EMAIL, emailStart, () => email);
  s = replaceMatches(s, SSN, ssnStart, () => ssn);
  s = replaceMatches(s, INTL, intlStart, intlPhone(phone));
  return replaceMatches(s, NANP, nanpStart, () => phone);
}

/**
 * @param {Tollgate.Context} ctx
 * @param {{mask?: string, roles: string[]}} config
 */
export function access(ctx, config) {
  const chat = ctx.llm.request;
  if (chat === null) return;
  const roles = config.roles;
  const messages = chat.messages;
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i];
    if (!includes(roles, message.role)) continue;
    const text = message.content;
    const masked = mask(text, config);
    if (masked !== text) message.content = masked; // only a real change makes the gateway rewrite the body
  }
}

/** @param {readonly string[]} list @param {string} value */
function includes(list, value) {
  for (let i = 0; i < list.length; i++) {
    if (list[i] === value) return true;
  }
  return false;
}
