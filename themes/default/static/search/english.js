// Folio search: the Snowball English (Porter2) stemmer, as the Rust side's rust-stemmers runs it; analysis.js
// uses it for English words. tests/search_vectors.json checks it word for word against the Rust stemmer.

const VOWELS = "aeiouy";
const isV = (c) => c !== undefined && VOWELS.includes(c);
const isVWXY = (c) => isV(c) || c === "w" || c === "x" || c === "Y";

const EXCEPTIONS = {
  skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl", gently: "gentl",
  ugly: "ugli", early: "earli", only: "onli", singly: "singl", sky: "sky", news: "news", howe: "howe",
  atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes",
};
const EXCEPTIONS_AFTER_1A = new Set(["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"]);

function markRegions(w) {
  let p1 = null;
  for (const prefix of ["gener", "commun", "arsen"]) if (w.startsWith(prefix)) p1 = prefix.length;
  if (p1 === null) p1 = firstRegion(w, 0);
  const p2 = firstRegion(w, p1);
  return [p1, p2];
}

/** gopast v, gopast non-v from `from`: the index after the first consonant that follows a vowel. */
function firstRegion(w, from) {
  let i = from;
  while (i < w.length && !isV(w[i])) i++;
  if (i >= w.length) return w.length;
  i++;
  while (i < w.length && isV(w[i])) i++;
  if (i >= w.length) return w.length;
  return i + 1;
}

/** A short syllable ends at `end` (exclusive). */
function shortSyllable(w, end) {
  const a = w[end - 3], b = w[end - 2], c = w[end - 1];
  if (end >= 3 && !isV(a) && isV(b) && !isVWXY(c)) return true;
  return end === 2 && isV(b) && !isV(c);
}

function longestSuffix(w, list) {
  let best = null;
  for (const s of list) if (w.endsWith(s) && (best === null || s.length > best.length)) best = s;
  return best;
}

function containsVowel(w, end) {
  for (let i = 0; i < end; i++) if (isV(w[i])) return true;
  return false;
}

function step1a(w) {
  const s = longestSuffix(w, ["sses", "ied", "ies", "s", "us", "ss"]);
  if (s === "sses") return w.slice(0, -2);
  if (s === "ied" || s === "ies") return w.length - 3 >= 2 ? w.slice(0, -2) : w.slice(0, -1);
  // 's' goes when a vowel comes before the letter preceding it.
  if (s === "s") return containsVowel(w, w.length - 2) ? w.slice(0, -1) : w;
  return w;
}

function step1b(w, p1) {
  const s = longestSuffix(w, ["eed", "eedly", "ed", "edly", "ing", "ingly"]);
  if (s === null) return w;
  if (s === "eed" || s === "eedly") return w.length - s.length >= p1 ? w.slice(0, -s.length) + "ee" : w;
  const stem = w.slice(0, -s.length);
  if (!containsVowel(stem, stem.length)) return w;
  const end = longestSuffix(stem, ["at", "bl", "iz", "bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"]);
  if (end === "at" || end === "bl" || end === "iz") return stem + "e";
  if (end !== null) return stem.slice(0, -1);
  if (stem.length === p1 && shortSyllable(stem, stem.length)) return stem + "e";
  return stem;
}

function step1c(w) {
  const last = w[w.length - 1];
  if ((last === "y" || last === "Y") && w.length > 2 && !isV(w[w.length - 2])) return w.slice(0, -1) + "i";
  return w;
}

const STEP2 = {
  tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent", izer: "ize", ization: "ize",
  ational: "ate", ation: "ate", ator: "ate", alism: "al", aliti: "al", alli: "al", fulness: "ful", ousli: "ous",
  ousness: "ous", iveness: "ive", iviti: "ive", biliti: "ble", bli: "ble", ogi: "og", fulli: "ful", lessli: "less",
  li: "",
};

function step2(w, p1) {
  const s = longestSuffix(w, Object.keys(STEP2));
  if (s === null || w.length - s.length < p1) return w;
  const stem = w.slice(0, -s.length);
  if (s === "ogi") return stem.endsWith("l") ? stem + "og" : w;
  if (s === "li") return "cdeghkmnrt".includes(stem[stem.length - 1] || "_") ? stem : w;
  return stem + STEP2[s];
}

const STEP3 = { tional: "tion", ational: "ate", alize: "al", icate: "ic", iciti: "ic", ical: "ic", ful: "", ness: "", ative: "" };

function step3(w, p1, p2) {
  const s = longestSuffix(w, Object.keys(STEP3));
  if (s === null || w.length - s.length < p1) return w;
  if (s === "ative" && w.length - s.length < p2) return w;
  return w.slice(0, -s.length) + STEP3[s];
}

const STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion"];

function step4(w, p2) {
  const s = longestSuffix(w, STEP4);
  if (s === null || w.length - s.length < p2) return w;
  const stem = w.slice(0, -s.length);
  if (s === "ion") return stem.endsWith("s") || stem.endsWith("t") ? stem : w;
  return stem;
}

function step5(w, p1, p2) {
  const last = w[w.length - 1];
  const at = w.length - 1;
  if (last === "e") {
    if (at >= p2 || (at >= p1 && !shortSyllable(w, at))) return w.slice(0, -1);
  } else if (last === "l") {
    if (at >= p2 && w[at - 1] === "l") return w.slice(0, -1);
  }
  return w;
}

/** The Porter2 stem of a lower-case ASCII word. */
export function stemEnglish(word) {
  if (Object.prototype.hasOwnProperty.call(EXCEPTIONS, word)) return EXCEPTIONS[word];
  if (word.length < 3) return word;
  let w = word[0] === "y" ? "Y" + word.slice(1) : word;
  let chars = [...w];
  for (let i = 1; i < chars.length; i++) if (chars[i] === "y" && isV(chars[i - 1])) chars[i] = "Y";
  w = chars.join("");
  const [p1, p2] = markRegions(w);
  w = step1a(w);
  if (!EXCEPTIONS_AFTER_1A.has(w)) {
    w = step1b(w, p1);
    w = step1c(w);
    w = step2(w, p1);
    w = step3(w, p1, p2);
    w = step4(w, p2);
    w = step5(w, p1, p2);
  }
  return w.replace(/Y/g, "y");
}
