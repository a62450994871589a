import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATALOGUE } from '../../server/src/core/catalogue';
import { neededText } from '../../server/src/core/catalogue/neededText';
import { textGate } from '../../server/src/core/catalogue/textGate';
import { TextSet } from '../../server/src/core/catalogue/textSet';

/**
 * The text a pattern needs is only ever a reason to skip it, so it must be sound: whenever the
 * pattern matches, the text holds each piece it was said to need. Checked on hand-picked sources,
 * on every catalogue sample, and on random patterns against random text.
 */

/** Whether the needed pieces all occur in `text` (the claim that must hold whenever `re` matches). */
function holds(re: RegExp, text: string): boolean {
  const lower = text.toLowerCase();
  return (neededText(re) ?? []).every((any) => any.some((t) => lower.includes(t)));
}

test('needed text: what a source holds in a row, and what it does not', () => {
  const pieces = (re: RegExp): string[][] | undefined => neededText(re)?.map((any) => [...any].sort()).sort((a, b) => (a.join() < b.join() ? -1 : 1));
  assert.deepEqual(pieces(/\bVerify\s+challenge\s+returns\s+true\b/i), [['challenge'], ['returns'], ['verify']]);
  assert.deepEqual(pieces(/\/certsrv\/mscep\/mscep\.dll\b/i), [['/certsrv/mscep/mscep.dll']]);
  // One of the alternatives: each gives its rarest piece.
  assert.deepEqual(pieces(/\b(?<id>PkcsImportRequestFailure|RevokeRequestFailure|RevokeFailure)\b/i), [['pkcsimportrequestfailure', 'revokefailure', 'revokerequestfailure']]);
  // Optional pieces are not needed; the text around them is not joined across them.
  assert.deepEqual(pieces(/abcd(?:efgh)?ijkl/), [['abcd'], ['ijkl']]);
  assert.deepEqual(pieces(/abcd\s*ijkl/), [['abcd'], ['ijkl']]);
  // A repeat: the text before holds one copy, the text after starts with the last one.
  assert.deepEqual(pieces(/wxyz+abcd/), [['wxyz'], ['zabcd']]);
  assert.deepEqual(pieces(/ab(?:cd){2}ef/), [['abcdcdef']]);
  // Assertions match no text: the text on both sides is one run.
  assert.deepEqual(pieces(/abc\bdef(?=ghij)klm/), [['abcdefklm']]);
  // Nothing usable: an alternative without text, lookarounds only, short text, `u` flag, back-reference.
  assert.equal(neededText(/abcdefg|\d+/), undefined);
  assert.equal(neededText(/(?=abcdefg)\w+/), undefined);
  assert.equal(neededText(/ab\d+cd/), undefined);
  assert.equal(neededText(/abcdefg/iu), undefined);
  assert.deepEqual(pieces(/(?<w>abcd)\k<w>efgh/), [['abcd'], ['efgh']]);
  // An escaped letter is a class or a control, never that letter.
  assert.deepEqual(pieces(/\tabcd\x41efgh\u0042ijkl/), [['abcd'], ['efgh'], ['ijkl']]);
});

test('needed text: every catalogue sample its pattern matches holds what the pattern needs', () => {
  let checked = 0;
  for (const sig of CATALOGUE) {
    const res = [...sig.match.patterns, ...(sig.match.requires ?? [])];
    for (const sample of [...sig.samples.positive, ...sig.samples.negative]) {
      // The sample, and copies whose letters change case and whose blanks change width.
      const variants = [sample, sample.toUpperCase(), sample.toLowerCase(), sample.replace(/ /g, '\t  ')];
      for (const re of res) {
        for (const text of variants) {
          if (!re.test(text)) continue;
          checked++;
          assert.ok(holds(re, text), `${sig.id}: /${re.source}/ matches ${JSON.stringify(text)} without ${JSON.stringify(neededText(re))}`);
        }
      }
    }
  }
  assert.ok(checked > 300, `only ${checked} matches checked`);
});

/** A small, seeded generator: the same random patterns on every run. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x80000000;
  };
}

test('needed text: random patterns never need text their matches lack', () => {
  const next = random(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const atoms = ['a', 'b', 'c', ' ', 'abca', 'bcab', '[ab]', '.', '\\s', '\\b', '\\.', 'x'];
  const quantifiers = ['', '', '', '?', '*', '+', '{2}', '{0,2}', '{1,3}', '+?'];
  const pattern = (depth: number): string => {
    let out = '';
    const n = 1 + Math.floor(next() * 6);
    for (let i = 0; i < n; i++) {
      const r = next();
      if (depth < 2 && r < 0.15) out += `(?:${pattern(depth + 1)}|${pattern(depth + 1)})${pick(quantifiers)}`;
      else if (depth < 2 && r < 0.22) out += `(${pattern(depth + 1)})${pick(quantifiers)}`;
      else if (depth < 2 && r < 0.27) out += `(?=${pattern(depth + 1)})`;
      else {
        const atom = pick(atoms);
        out += atom === '\\b' ? atom : (atom.length > 2 ? `(?:${atom})` : atom) + pick(quantifiers);
      }
    }
    return out;
  };
  let matched = 0;
  for (let p = 0; p < 3000; p++) {
    const re = new RegExp(pattern(0), next() < 0.5 ? 'i' : '');
    if (!neededText(re)) continue;
    for (let t = 0; t < 60; t++) {
      let text = '';
      const length = Math.floor(next() * 10);
      for (let i = 0; i < length; i++) text += pick(['abca', 'bcab', 'ABCA', 'bCaB', 'a', 'b', 'c', 'A', ' ', 'x', '.']);
      if (!re.test(text)) continue;
      matched++;
      assert.ok(holds(re, text), `/${re.source}/${re.flags} matches ${JSON.stringify(text)} without ${JSON.stringify(neededText(re))}`);
    }
  }
  assert.ok(matched > 500, `only ${matched} matches checked`);
});

test('text gate: skips only patterns that cannot match, texts inside texts included', () => {
  const signatures = CATALOGUE.filter((s) => s.formats.includes('windows-event-log'));
  const patterns = signatures.flatMap((s) => s.match.patterns);
  const lists = signatures.map((s) => s.match.patterns);
  const gate = textGate(patterns, lists);
  assert.ok(gate, 'an event log runs enough patterns for a gate');
  let asleep = 0;
  for (const sig of CATALOGUE) {
    for (const sample of [...sig.samples.positive, ...sig.samples.negative]) {
      gate.scan(sample);
      for (const re of patterns) if (re.test(sample)) assert.ok(gate.mayMatch(re), `${sig.id}: the gate skips /${re.source}/ on ${JSON.stringify(sample)}`);
      // A signature's list sleeps only when none of its patterns may match.
      lists.forEach((list, k) => {
        if (gate.mayMatchList(k)) return;
        asleep++;
        for (const re of list) assert.equal(gate.mayMatch(re), false, `${signatures[k]?.id ?? k}: asleep though /${re.source}/ may match ${JSON.stringify(sample)}`);
      });
    }
  }
  assert.ok(asleep > 1000, `only ${asleep} signatures skipped whole`);
  // Texts that start at one position, or one inside another: each is found.
  const nested = [/certificates/i, /certificate\s+zz/i, /\bcate\s+zz\b/i, /tificat/i];
  const many = [...nested, ...Array.from({ length: 30 }, (_, i) => new RegExp(`filler${i}word`, 'i'))];
  const small = textGate(many);
  assert.ok(small);
  for (const text of ['CERTIFICATES', 'certificate zz', 'xcertificatesx cate zz', 'TIFICAT']) {
    small.scan(text);
    for (const re of many) assert.equal(small.mayMatch(re) || !re.test(text), true, `/${re.source}/ on ${text}`);
  }
  small.scan('nothing here');
  assert.equal(many.some((re) => small.mayMatch(re)), false, 'a text with none of the pieces skips every pattern');
  // Too few patterns with text: no gate, each pattern scans for itself.
  assert.equal(textGate(nested), undefined);
});

test('text set: finds exactly the texts that occur, ASCII letters case-free, overlapping and nested ones too', () => {
  let seed = 7;
  const next = (): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  // Only A-Z fold: the oracle must not lower-case anything else (\u0130 lower-cases to an i and a dot).
  const fold = (s: string): string => s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) | 32));
  let checked = 0;
  for (let round = 0; round < 300; round++) {
    const texts = Array.from({ length: 1 + Math.floor(next() * 12) }, () => Array.from({ length: 1 + Math.floor(next() * 5) }, () => pick(['a', 'b', 'B', 'ab', '-', '\u00e9'])).join(''));
    const set = new TextSet(texts);
    const seen = new Int32Array(texts.length);
    const fresh = new Int32Array(texts.length);
    for (let t = 0; t < 20; t++) {
      const text = Array.from({ length: Math.floor(next() * 30) }, () => pick(['a', 'A', 'b', 'B', 'ab', 'BA', '-', ' ', '\u00e9', '\u0130', '\u212a'])).join('');
      const mark = round * 100 + t + 1;
      const listed = [...fresh.subarray(0, set.scan(text, seen, mark, fresh))].sort((a, b) => a - b);
      assert.deepEqual(listed, texts.flatMap((_, j) => (seen[j] === mark ? [j] : [])), 'each text found is listed once');
      texts.forEach((needle, j) => {
        // eslint-disable-next-line no-control-regex -- texts beyond ASCII count as found
        const expected = /[^\x00-\x7f]/.test(needle) || fold(text).includes(fold(needle));
        assert.equal(seen[j] === mark, expected, `${JSON.stringify(needle)} in ${JSON.stringify(text)}`);
        checked++;
      });
    }
  }
  assert.ok(checked > 10000, `only ${checked} answers checked`);
});
