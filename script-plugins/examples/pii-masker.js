/// <reference path="../tollgate.d.ts" />
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

// name@domain.tld, the TLD letters only (so "lodash@4.17.21" is not an address).
const EMAIL = /(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-])/g;

// US SSN: AAA-GG-SSSS; area not 000, 666 or 9xx, group not 00, serial not 0000.
const SSN = /(?<![\w-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w-])/g;

// International: "+" country code, then 2 to 6 digit groups separated by a space, dot or dash,
// the area code possibly in parentheses; 8 to 15 digits in all (E.164), checked in INTL_DIGITS.
const INTL = /(?<![\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,6}(?![\w-])/g;

// North American without "+": (415) 555-0100, 415-555-0100, 415.555.0100 (one separator kind);
// area code and exchange start with 2-9, as in real numbers.
const NANP = /(?<![\w#$+.-])(?:\([2-9]\d{2}\) ?[2-9]\d{2}-\d{4}|[2-9]\d{2}([-.])[2-9]\d{2}\1\d{4})(?![\w-]|\.\d)/g;

const DIGIT = /\d/g;

/** @param {string} placeholder @returns {(match: string) => string} */
function intlPhone(placeholder) {
  return (match) => {
    const digits = (match.match(DIGIT) || []).length;
    return digits >= 8 && digits <= 15 ? placeholder : match;
  };
}

/**
 * The text with every e-mail address, SSN and phone number replaced.
 * @param {string} text @param {{mask?: string}} config
 */
function mask(text, config) {
  const m = config.mask;
  return text
    .replace(EMAIL, m ? m : "[EMAIL]")
    .replace(SSN, m ? m : "[SSN]")
    .replace(INTL, intlPhone(m ? m : "[PHONE]"))
    .replace(NANP, m ? m : "[PHONE]");
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
