/**
 * Reproducible edits of a document's text, as a reviewer makes them: a character typed or deleted, a word,
 * number, acronym definition or year typed, a line break or blank line, a heading or table marker, a
 * paragraph cut or pasted elsewhere. Tests of incremental analysis apply chains of them and compare each
 * result with a fresh analysis of the same text.
 */
export interface RandomEdit {
  start: number;
  end: number;
  text: string;
}

const TYPED = [
  'x', ' ', '.', ',', '\n', '\n\n', '#', '# ', '| ', '\t', '(', ')', '"', '’', '%', '$', '1', '0', ' 2019', ' in 2023',
  ' $4.5 billion', ' 12,000 people', ' nearly 40%', ' (TCOs)', ' Transnational Criminal Organizations (TCOs)', ' USMCA', ' the United States',
  ' President Biden', ' Mexico City', ' Secretary of State', ' see Table 1', '[^3]', '¹', ' 2.5 million', ' fiscal year 2022', 'FY2021 ',
  ' Department of Homeland Security', ' (DHS)', ' up 241%', ' from 10 to 20', '\n\nTable 2: ', '\n- ', '\n1. ', '*', '**', '`', '> ',
];

/** A generator of pseudo-random numbers from a seed (mulberry32), so every run makes the same edits. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One edit of `text`: mostly small ones near words and digits, where the extractors' records are. */
export function randomEdit(text: string, random: () => number): RandomEdit {
  const at = Math.floor(random() * (text.length + 1));
  const kind = random();
  if (kind < 0.45) return { start: at, end: at, text: TYPED[Math.floor(random() * TYPED.length)]! };
  if (kind < 0.7) return { start: at, end: Math.min(text.length, at + 1 + Math.floor(random() * 3)), text: '' };
  if (kind < 0.8) {
    // Replace a digit or letter next to the place: a figure's value or a name's letter changes.
    const end = Math.min(text.length, at + 1);
    return { start: at, end, text: /\d/.test(text.slice(at, end)) ? String(Math.floor(random() * 10)) : 'Q' };
  }
  if (kind < 0.9) {
    const end = Math.min(text.length, at + Math.floor(random() * 400));
    return { start: at, end, text: '' };
  }
  // Move a stretch of text elsewhere (cut and paste): whole sentences and paragraphs change place.
  const from = Math.floor(random() * text.length);
  const piece = text.slice(from, Math.min(text.length, from + 20 + Math.floor(random() * 600)));
  return { start: at, end: at, text: piece };
}

export function applyEdit(text: string, edit: RandomEdit): string {
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}
