// Folio search: text helpers of the core — result titles and excerpts cut into highlighted parts, and the
// closest index word to a misspelt one. DOM-free, like core.js.

import { analyze } from "./analysis.js";

/** The words of result texts analysed lately: each keystroke shows mostly the results of the one before. */
const ANALYSED = new Map();
const MAX_ANALYSED = 200;

/** `analyze(text, lang)`, from ANALYSED when it is there (its words are never changed by callers). */
function analyzed(text, lang) {
  const key = `${lang}\u0001${text}`;
  let words = ANALYSED.get(key);
  if (words === undefined) {
    words = analyze(text, lang);
    if (ANALYSED.size >= MAX_ANALYSED) ANALYSED.delete(ANALYSED.keys().next().value);
  } else {
    ANALYSED.delete(key);
  }
  ANALYSED.set(key, words);
  return words;
}

/** `text` cut into `{ text, hit }` parts, hits being the words `isHit` accepts. */
export function highlight(text, isHit, lang = "") {
  const parts = [];
  let at = 0;
  for (const word of analyzed(text, lang)) {
    if (!isHit(word)) continue;
    if (word.start > at) parts.push({ text: text.slice(at, word.start), hit: false });
    parts.push({ text: text.slice(word.start, word.end), hit: true });
    at = word.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), hit: false });
  return parts;
}

/** About `length` characters of `text` around its densest run of hits, as highlight parts. */
export function excerpt(text, isHit, lang = "", length = 180) {
  const words = analyzed(text, lang);
  const hits = words.filter(isHit);
  let start = 0;
  if (hits.length > 0) {
    let best = 0;
    let bestCount = 0;
    for (let i = 0; i < hits.length; i++) {
      let count = 0;
      while (i + count < hits.length && hits[i + count].start < hits[i].start + length) count++;
      if (count > bestCount) { best = i; bestCount = count; }
    }
    start = Math.max(0, hits[best].start - Math.floor(length / 4));
    const wordStart = words.find((w) => w.end > start);
    if (start > 0 && wordStart) start = Math.min(wordStart.start, hits[best].start);
  }
  let end = Math.min(text.length, start + length);
  const cut = words.find((w) => w.start < end && w.end > end);
  if (cut) end = cut.start;
  const window = text.slice(start, end).trim();
  const parts = highlight(window, isHit, lang);
  if (start > 0) parts.unshift({ text: "… ", hit: false });
  if (end < text.length) parts.push({ text: " …", hit: false });
  return parts;
}

/** The most frequent word of `shard` within a small edit distance of `word`. */
export function closestWord(word, shard) {
  const max = [...word].length <= 4 ? 1 : 2;
  let best = null;
  for (const term of shard.terms) {
    const entry = shard.map.get(term);
    if (entry.spelling === null || entry.spelling === word) continue;
    if (Math.abs(entry.spelling.length - word.length) > max) continue;
    const distance = editDistance(word, entry.spelling, max);
    if (distance > max) continue;
    if (!best || distance < best.distance || (distance === best.distance && entry.df > best.df)) {
      best = { spelling: entry.spelling, distance, df: entry.df };
    }
  }
  return best ? best.spelling : null;
}

/** Levenshtein distance with adjacent swaps counted as one, giving up above `max`. */
export function editDistance(a, b, max = Infinity) {
  const x = [...a];
  const y = [...b];
  let before = null;
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    let smallest = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
      if (before && i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
        value = Math.min(value, before[j - 2] + 1);
      }
      row.push(value);
      smallest = Math.min(smallest, value);
    }
    if (smallest > max) return max + 1;
    before = previous;
    previous = row;
  }
  return previous[y.length];
}
