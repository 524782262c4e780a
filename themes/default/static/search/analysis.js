// Folio search: language analysis, the browser twin of src/analysis/ (mod.rs, hebrew.rs, arabic.rs, snowball.rs).
// Text → normalised words → the index terms each word is found by. The rules are documented there; the
// cases both sides must agree on are in tests/search_vectors.json. Dependency-free and DOM-free.
// Words whose Snowball stemmer only the Rust side has (Russian, and French, German, Spanish on pages in those
// languages) come out as their normalised word with `mapped: true`: the index maps them to their stem.

import { stemEnglish } from "./english.js";

export { stemEnglish };
export const MAX_WORD_CHARS = 40;
const MIN_REDUCED_CHARS = 3;

const FINALS = { "ך": "כ", "ם": "מ", "ן": "נ", "ף": "פ", "ץ": "צ", "ٱ": "ا", "ى": "ي", "ة": "ه", "\u066B": ".", "\u066C": "," };
const WORD_CHAR = /[\p{Alphabetic}\p{N}]/u;
const NUMERIC = /\p{N}/u;
const QUOTES = new Set(["'", '"', "\u05F3", "\u05F4", "\u2018", "\u2019", "\u201C", "\u201D", "`"]);
const ATTACHED_GAPS = new Set(["", "-", "\u05BE", "\u2010", "\u2011", "'", '"']);

/** Niqqud, cantillation, Latin combining accents and invisible controls (maqaf and paseq separate words). */
function isIgnoredMark(c) {
  const n = c.codePointAt(0);
  return (n >= 0x0591 && n <= 0x05BD) || n === 0x05BF || n === 0x05C1 || n === 0x05C2 || n === 0x05C4
    || n === 0x05C5 || n === 0x05C7 || (n >= 0x0300 && n <= 0x036F) || n === 0x00AD
    || (n >= 0x200B && n <= 0x200F) || (n >= 0x202A && n <= 0x202E) || (n >= 0x2066 && n <= 0x2069)
    || n === 0xFEFF
    || (n >= 0x0610 && n <= 0x061A) || n === 0x0640 || (n >= 0x064B && n <= 0x065F) || n === 0x0670
    || (n >= 0x06D6 && n <= 0x06DC) || (n >= 0x06DF && n <= 0x06E8) || (n >= 0x06EA && n <= 0x06ED);
}

export function isArabicLetter(c) {
  const n = c.codePointAt(0);
  return (n >= 0x0620 && n <= 0x063F) || (n >= 0x0641 && n <= 0x064A) || (n >= 0x066E && n <= 0x066F)
    || (n >= 0x0671 && n <= 0x06D3) || n === 0x06D5 || (n >= 0x06EE && n <= 0x06EF) || (n >= 0x06FA && n <= 0x06FF);
}

/** The scripts a word cannot run across. */
function scriptOf(c) {
  if (isHebrewLetter(c)) return "hebrew";
  return isArabicLetter(c) ? "arabic" : "other";
}

export function isHebrewLetter(c) {
  const n = c.codePointAt(0);
  return (n >= 0x05D0 && n <= 0x05EA) || (n >= 0x05F0 && n <= 0x05F2);
}

/** Letters and digits: ASCII and Hebrew first, the Unicode tables only for the rest (this runs for every
 * character of every result's text on every keystroke). */
function isWordChar(c) {
  const n = c.charCodeAt(0);
  if (n < 128) return (n >= 48 && n <= 57) || (n >= 97 && n <= 122) || (n >= 65 && n <= 90);
  return isHebrewLetter(c) || WORD_CHAR.test(c);
}

function isNumeric(c) {
  const n = c.charCodeAt(0);
  if (n < 128) return n >= 48 && n <= 57;
  return !isHebrewLetter(c) && NUMERIC.test(c);
}

const isDigit = (c) => c >= "0" && c <= "9";

function fold(c) {
  const n = c.codePointAt(0);
  if (n >= 0x0660 && n <= 0x0669) return String(n - 0x0660);
  if (n >= 0x06F0 && n <= 0x06F9) return String(n - 0x06F0);
  return FINALS[c] || c.toLowerCase();
}

/** One source character decomposed, marks removed, folded: zero or more characters. ASCII and plain Hebrew
 * letters decompose to themselves. */
function pieces(c) {
  const n = c.charCodeAt(0);
  if (n < 128) return c.toLowerCase();
  if (isHebrewLetter(c)) return FINALS[c] || c;
  let out = "";
  for (const d of c.normalize("NFKD")) if (!isIgnoredMark(d)) out += fold(d);
  return out;
}

/** NFKD, marks and controls removed, lower case, Hebrew final letters made ordinary. Punctuation is kept. */
export function normalize(text) {
  let out = "";
  for (const d of text.normalize("NFKD")) if (!isIgnoredMark(d)) out += fold(d);
  return out;
}

/** The character (code point) of `text` at UTF-16 offset `at`, or null at the end. */
function charAt(text, at) {
  if (at >= text.length) return null;
  const n = text.charCodeAt(at);
  return n >= 0xD800 && n <= 0xDBFF ? String.fromCodePoint(text.codePointAt(at)) : text[at];
}

/**
 * Splits text into normalised words with UTF-16 ranges into the original. A token remembers the script of its
 * last letter (digits go with any script), as the Rust side does.
 */
function splitWords(text) {
  const tokens = [];
  let current = null;
  let previous = null;
  for (let at = 0; at < text.length;) {
    const c = charAt(text, at);
    const end = at + c.length;
    const folded = pieces(c);
    if (folded === "") {
      if (current) current.end = end;
      at = end;
      continue;
    }
    for (const p of folded.length === 1 ? [folded] : folded) {
      if (isWordChar(p)) {
        const script = scriptOf(p);
        const numeric = isNumeric(p);
        if (current && !numeric && current.letters !== null && current.letters !== script) {
          tokens.push(current);
          current = null;
        }
        if (!current) current = { start: at, end, normal: "", script, letters: null };
        current.normal += p;
        current.end = end;
        if (!numeric) current.letters = script;
        previous = p;
      } else if (current && joinsWord(p, previous, charAt(text, end))) {
        if (p === ".") current.normal += ".";
        // Where a Latin word's first apostrophe was: French `l'utilisateur` is `utilisateur` (see otherForms).
        else if ((p === "'" || p === "\u2019") && current.script === "other" && current.apostrophe === undefined) {
          current.apostrophe = current.normal.length;
        }
      } else {
        if (current) tokens.push(current);
        current = null;
        previous = null;
      }
    }
    at = end;
  }
  if (current) tokens.push(current);
  return tokens;
}

function joinsWord(c, previous, next) {
  // Most characters between words are spaces: only quotes, commas and points can join.
  if (previous === null || next === null || !(QUOTES.has(c) || c === "," || c === ".")) return false;
  let n = null;
  for (const d of next.normalize("NFKD")) {
    if (!isIgnoredMark(d)) { n = fold(d)[0]; break; }
  }
  if (n === null) return false;
  if (QUOTES.has(c)) return isWordChar(previous) && isWordChar(n) && !isNumeric(n);
  if (c === "," || c === ".") return isDigit(previous) && isDigit(n);
  return false;
}

function isAttachedPrefix(token, next, text) {
  if (!next || next.script === token.script) return false;
  const chain = token.script === "hebrew" ? isPrefixChain(token.normal)
    : token.script === "arabic" && isArabicPrefixChain(token.normal);
  return chain && ATTACHED_GAPS.has(text.slice(token.end, next.start));
}

/**
 * The words of `text` on a page in `lang`: UTF-16 range, position among the words, normalised text, and forms
 * (`{term, kind}` with kind "surface" or "reduced", and `mapped` when the index maps the word to its stem;
 * empty for stop words).
 */
export function analyze(text, lang = "") {
  const raw = splitWords(text);
  const words = [];
  raw.forEach((token, i) => {
    if (isAttachedPrefix(token, raw[i + 1], text)) return;
    words.push({ start: token.start, end: token.end, position: words.length, normal: token.normal, forms: wordForms(token.normal, lang, token.apostrophe) });
  });
  return words;
}

/** Every index term of every word of `text`, in order. */
export function indexTerms(text, lang = "") {
  return analyze(text, lang).flatMap((w) => w.forms.map((f) => f.term));
}

/**
 * The forms of one normalised word on a page in `lang`; empty for a stop word. `apostrophe` is where an
 * apostrophe stood in a Latin word, if one did.
 */
export function wordForms(word, lang = "", apostrophe = undefined) {
  // Result excerpts analyse a thousand words per keystroke, most of them common words seen before: the forms
  // of a word depend only on these three arguments, so they are kept (never changed by callers), by language
  // and apostrophe first so that the common lookup builds no key.
  const kind = apostrophe === undefined ? lang : `${lang}\u0001${apostrophe}`;
  let seen = FORMS_SEEN.get(kind);
  if (seen === undefined) {
    seen = new Map();
    FORMS_SEEN.set(kind, seen);
  }
  let forms = seen.get(word);
  if (forms === undefined) {
    if (seen.size >= MAX_FORMS_SEEN) seen.clear();
    forms = computeForms(word, lang, apostrophe);
    seen.set(word, forms);
  }
  return forms;
}

/** Language and apostrophe → the words whose forms were computed, with them; each emptied when full. */
const FORMS_SEEN = new Map();
const MAX_FORMS_SEEN = 50000;

function computeForms(word, lang, apostrophe) {
  const length = [...word].length;
  if (length === 0 || length > MAX_WORD_CHARS) return [];
  const script = scriptOf(word[0]);
  if (length < 2 && script !== "other") return [];
  if (script === "hebrew") return HEBREW_STOP_WORDS.has(word) ? [] : reducedForms(word, isPrefixChain, HEBREW_ENDINGS);
  if (script === "arabic") return ARABIC_STOP_WORDS.has(word) ? [] : reducedForms(word, isArabicPrefixChain, ARABIC_ENDINGS);
  return otherForms(word, lang, apostrophe);
}

/**
 * The word as written and, reduced, each prefix chain (of at most four letters) removed, then one ending
 * removed from each, keeping forms of at least three letters: Hebrew and Arabic words.
 */
function reducedForms(word, isChain, endings) {
  const forms = [{ term: word, kind: "surface" }];
  const add = (term) => {
    if ([...term].length >= MIN_REDUCED_CHARS && !forms.some((f) => f.term === term)) forms.push({ term, kind: "reduced" });
  };
  const stems = [word];
  const chars = [...word];
  let offset = 0;
  for (let k = 0; k < Math.min(4, chars.length - 1); k++) {
    offset += chars[k].length;
    if (isChain(word.slice(0, offset))) stems.push(word.slice(offset));
  }
  for (const stem of stems) {
    add(stem);
    const base = stripEnding(stem, endings);
    if (base !== null) add(base);
  }
  return forms;
}

function stripEnding(word, endings) {
  for (const entry of endings) {
    const [ending, least] = Array.isArray(entry) ? entry : [entry, MIN_REDUCED_CHARS];
    if (word.endsWith(ending)) {
      const base = word.slice(0, -ending.length);
      return [...base].length >= least ? base : null;
    }
  }
  return null;
}

// ---- Hebrew ----

export function isPrefixChain(s) {
  if (s.startsWith("ו")) s = s.slice(1);
  for (const p of ["לכש", "כש", "ש"]) {
    if (s.startsWith(p)) { s = s.slice(p.length); break; }
  }
  return s === "" || ["ב", "כ", "ל", "מ", "ה", "מה"].includes(s);
}

const HEBREW_STOP_WORDS = new Set([
  "של", "את", "על", "עמ", "זה", "זו", "זאת", "אלה", "הוא", "היא", "המ", "הנ", "אני", "אנחנו", "אתה", "אתמ",
  "גמ", "כי", "אמ", "או", "לא", "יש", "אינ", "כל", "מה", "מי", "אשר", "עד", "אל", "כמו", "רק", "כבר", "אבל",
  "אז", "שלנו", "שלכמ", "שלכ", "שלכנ", "שלהנ", "שלו", "שלה", "שלהמ", "שלי", "לכ", "לו", "לה", "להמ", "לנו", "בו", "בה", "בהמ", "בנו",
  "אותו", "אותה", "אותמ", "אותנו", "ואת", "ועל", "ושל", "וגמ", "וכל", "לכל", "בכל", "מכל", "שכל", "היה", "היו",
  "יהיה", "תהיה", "אפשר", "ניתנ", "כדי", "אלא", "ללא", "בלי", "כאשר", "כש", "עוד", "יותר", "פי",
  "לפי", "בינ", "תוכ", "בתוכ", "אחרי", "לפני", "מאוד", "כנ", "לכנ", "אולי", "הזה", "הזו", "האלה", "שהוא",
  "שהיא", "שזה", "ומה", "למה", "איכ", "איפה", "מתי", "כמה",
]);

// The construct plural's י too (`החזרי מס` is read as `החזר` as well), when four letters are left: `מנוי` is
// a word of its own, not a construct of `מנו`. An ending given as [ending, letters] needs that many left.
const HEBREW_ENDINGS = ["ימ", "ות", "ה", "ת", ["י", 4]];

// ---- Arabic ----

/** Optional و or ف, then optional ب ك ل, then optional ال; or لل (ل + ال). */
export function isArabicPrefixChain(s) {
  if (s.startsWith("و") || s.startsWith("ف")) s = s.slice(1);
  if (s === "لل") return true;
  if (s.startsWith("ب") || s.startsWith("ك") || s.startsWith("ل")) s = s.slice(1);
  return s === "" || s === "ال";
}

const ARABIC_STOP_WORDS = new Set([
  "في", "من", "علي", "الي", "عن", "مع", "هذا", "هذه", "ذلك", "تلك", "التي", "الذي", "الذين", "ان", "او", "لا",
  "ما", "هو", "هي", "هم", "كان", "كانت", "قد", "ثم", "كل", "بين", "عند", "لم", "لن", "تم", "هل", "كما", "حتي",
  "اذا", "لكن", "وهو", "وهي", "وفي", "ومن", "انه", "انها", "به", "بها", "له", "لها", "فيه", "فيها", "منه",
]);

const ARABIC_ENDINGS = ["يه", "ات", "ون", "ين", "ان", "ها", "هم", "ه"];

// ---- English and other scripts ----

const ENGLISH_STOP_WORDS = new Set([
  "a", "an", "and", "are", "as", "at", "be", "but", "by", "do", "does", "for", "from", "had", "has", "have", "he",
  "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or",
  "our", "she", "so", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
  "those", "to", "too", "us", "was", "we", "were", "what", "when", "where", "which", "who", "why", "will",
  "with", "you", "your",
]);

const RUSSIAN_STOP_WORDS = new Set([
  "и", "в", "во", "не", "что", "он", "на", "я", "с", "со", "как", "а", "то", "все", "она", "так", "его", "но",
  "да", "ты", "к", "у", "же", "вы", "за", "бы", "по", "ее", "мне", "было", "вот", "от", "меня", "о", "из", "ему",
  "ли", "если", "или", "ни", "быть", "был", "до", "вас", "нибудь", "уже", "для", "при", "без", "это", "этот",
  "эта", "эти", "мы", "они", "их", "чтобы", "где", "там", "тут", "кто", "чем", "вам",
]);
const FRENCH_STOP_WORDS = new Set([
  "a", "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "et", "eux", "il", "je", "la",
  "le", "les", "leur", "lui", "ma", "mais", "me", "meme", "mes", "moi", "mon", "ne", "nos", "notre", "nous", "on",
  "ou", "par", "pas", "pour", "qu", "que", "qui", "sa", "se", "ses", "son", "sur", "ta", "te", "tes", "toi",
  "ton", "tu", "un", "une", "vos", "votre", "vous", "c", "d", "j", "l", "m", "n", "s", "t", "y", "est",
]);
const GERMAN_STOP_WORDS = new Set([
  "aber", "als", "am", "an", "auch", "auf", "aus", "bei", "bin", "bis", "da", "das", "dass", "dem", "den", "der",
  "des", "die", "du", "ein", "eine", "einem", "einen", "einer", "eines", "er", "es", "fur", "hat", "ich", "ihr",
  "im", "in", "ist", "mit", "nach", "nicht", "noch", "oder", "sich", "sie", "sind", "so", "um", "und", "uns",
  "von", "vor", "war", "was", "wie", "wir", "wird", "zu", "zum", "zur",
]);
const SPANISH_STOP_WORDS = new Set([
  "a", "al", "como", "con", "de", "del", "el", "ella", "en", "es", "esta", "este", "la", "las", "le", "les",
  "lo", "los", "mas", "me", "mi", "no", "nos", "o", "para", "pero", "por", "que", "se", "si", "sin", "su", "sus",
  "te", "tu", "un", "una", "uno", "y", "ya", "yo", "muy", "hay", "son", "esto", "eso",
]);
const MAPPED_STOP_WORDS = { ru: RUSSIAN_STOP_WORDS, fr: FRENCH_STOP_WORDS, de: GERMAN_STOP_WORDS, es: SPANISH_STOP_WORDS };

/** The stemmer of a non-Hebrew, non-Arabic word on a page in `lang`: "en", "ru", "fr", "de", "es" or "none". */
export function stemming(word, lang = "") {
  const n = word.codePointAt(0);
  if (n >= 0x0400 && n <= 0x04FF) return "ru";
  const latin = /^[a-z0-9]/.test(word) || (n >= 0x00C0 && n <= 0x024F);
  if (!latin) return "none";
  const base = lang.split(/[-_]/)[0];
  return ["fr", "de", "es"].includes(base) ? base : "en";
}

const ELISIONS = new Set(["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu"]);

/**
 * A mapped word's form is the word itself (the index's alias key); a French word with an elision (`l'`, `d'`…)
 * also carries the word after it as `rest`, which is what the stemmer and the stop words see.
 */
function otherForms(word, lang, apostrophe) {
  const how = stemming(word, lang);
  const mapped = MAPPED_STOP_WORDS[how];
  if (mapped) {
    const elided = how === "fr" && apostrophe !== undefined && apostrophe < word.length && ELISIONS.has(word.slice(0, apostrophe));
    const rest = elided ? word.slice(apostrophe) : word;
    if (mapped.has(rest)) return [];
    return [{ term: word, kind: "surface", mapped: true, ...(elided ? { rest } : {}) }];
  }
  if (ENGLISH_STOP_WORDS.has(word)) return [];
  return [{ term: how === "en" && /^[a-z]+$/.test(word) ? stemEnglish(word) : word, kind: "surface" }];
}
