import { DEFAULT_BUCKETS, INCOME_BUCKET, merchantKey, NO_BUCKET, type BucketKeywords } from '@/lib/money/rules/apply-rules';

// The default bucket at import, exactly as rules/apply-rules.ts's defaultBucket decides it, but
// with the keyword lists compiled once per import: defaultBucket re-normalises every keyword for
// every row, which cost 2 s of a 100,000-row import. Here each row's words are looked up as
// phrases of one to N words in a map, so a row costs a handful of lookups.

type Keyword = { bucket: string; length: number; order: number };

const words = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export type KeywordMatcher = (text: string) => string | null;

/** keywordBucket's answer (the longest whole-word keyword, ties to list order) from a compiled map. */
export function compileKeywordBuckets(lists: readonly BucketKeywords[] = DEFAULT_BUCKETS): KeywordMatcher {
  const phrases = new Map<string, Keyword>();
  let maxWords = 0;
  let order = 0;
  for (const { bucket, keywords } of lists) {
    for (const keyword of keywords) {
      const phrase = words(keyword);
      order++;
      if (phrase === '' || phrases.has(phrase)) continue;
      phrases.set(phrase, { bucket, length: phrase.length, order });
      maxWords = Math.max(maxWords, phrase.split(' ').length);
    }
  }
  return (text) => {
    const tokens = words(text).split(' ');
    let best: Keyword | null = null;
    for (let start = 0; start < tokens.length; start++) {
      let phrase = '';
      for (let n = 0; n < maxWords && start + n < tokens.length; n++) {
        phrase = n === 0 ? tokens[start]! : `${phrase} ${tokens[start + n]}`;
        const hit = phrases.get(phrase);
        if (hit && (!best || hit.length > best.length || (hit.length === best.length && hit.order < best.order))) best = hit;
      }
    }
    return best?.bucket ?? null;
  };
}

/** defaultBucket with a compiled matcher: the merchant's earlier bucket, money in → income, a keyword, else none. */
export function importBucket(
  row: { payee: string; merchant: string | null; amountMinor: bigint },
  history: ReadonlyMap<string, string>,
  keywords: KeywordMatcher,
): { bucket: string; from: 'history' | 'income' | 'keyword' | 'none' } {
  const before = history.get(merchantKey(row));
  if (before && before !== NO_BUCKET) return { bucket: before, from: 'history' };
  if (row.amountMinor > 0n) return { bucket: INCOME_BUCKET, from: 'income' };
  const keyword = keywords(`${row.merchant ?? ''} ${row.payee}`);
  return keyword ? { bucket: keyword, from: 'keyword' } : { bucket: NO_BUCKET, from: 'none' };
}
