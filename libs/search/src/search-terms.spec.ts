import { indexTerms, isWholeIdentifier, parseSearchQuery, singularForms, tsvectorLiteral } from './search-terms.js';

describe('index terms', () => {
  it('segments Chinese with the shorter words inside longer ones, and lower-cases Latin words', () => {
    const terms = indexTerms('我想申请退款，订单号 FH-1234 Refunds are SLOW!');
    expect(terms).toEqual(expect.arrayContaining(['申请', '退款', '订单', '订单号', 'fh', '1234', 'refunds', 'are', 'slow']));
    expect(terms).not.toContain('，');
    expect(terms.some((t) => /[\s!,-]/.test(t))).toBe(false);
  });

  it('folds full-width letters and digits (NFKC) so ＦＨ１２ matches fh12', () => {
    expect(indexTerms('ＦＨ１２')).toEqual(['fh12']);
  });

  it('writes a weighted tsvector literal with quotes escaped and positions per field', () => {
    const literal = tsvectorLiteral([
      { text: 'Refund refund', weight: 'A' },
      { text: "it's 退款", weight: 'C' },
    ]);
    expect(literal).toBe("'refund':1A,2A 'it':3C 's':4C '退款':5C");
  });

  it('indexes the two-character pieces of a word jieba made up, so a query cut differently finds it', () => {
    // jieba's HMM joins 外机装 in this sentence; a query for 外机 (outdoor unit) must still match it.
    const terms = indexTerms('空调外机装在阳台上噪音太大');
    expect(terms).toEqual(expect.arrayContaining(['外机装', '外机', '机装', '噪音']));
    // Dictionary words get no extra pieces: 共和国 is indexed as jieba cut it.
    expect(indexTerms('共和国')).toEqual(['共和', '共和国']);
  });

  it('writes nothing for empty fields', () => {
    expect(tsvectorLiteral([{ text: '', weight: 'A' }, { text: null, weight: 'B' }])).toBe('');
  });
});

describe('search queries', () => {
  it('requires every word; Latin words match as prefixes', () => {
    const q = parseSearchQuery('Refund delayed');
    expect(q.tsquery).toBe("'refund':* & 'delayed':*");
    expect(q.highlightTerms).toEqual(['refund', 'delayed']);
    expect(q.wordCount).toBe(2);
  });

  it('matches the words of a whole ticket code, email address or phone number exactly, not as prefixes', () => {
    expect(parseSearchQuery('FH-7K3QX').tsquery).toBe("'fh' & '7' & 'k3qx'");
    expect(parseSearchQuery(' huangxiuying233726@163.com ').tsquery).toBe("'huangxiuying233726' & '163' & 'com'");
    expect(parseSearchQuery('+1 (909) 555-9125').tsquery).toBe("'1' & '909' & '555' & '9125'");
    expect(parseSearchQuery('+86 188 6087 6194').tsquery).toBe("'86' & '188' & '6087' & '6194'");
    // Parts of them, bare numbers and hyphenated words are still prefixes (from three characters).
    expect(parseSearchQuery('huangxiuying').tsquery).toBe("'huangxiuying':*");
    expect(parseSearchQuery('5559125').tsquery).toBe("'5559125':*");
    expect(parseSearchQuery('auto-renewal').tsquery).toBe("'auto':* & 'renewal':*");
    expect(parseSearchQuery('555 12').tsquery).toBe("'555':* & '12'");
    expect(isWholeIdentifier('ＦＨ-7K3QX')).toBe(true);
  });

  it('lets a Chinese word match itself or all the dictionary words inside it', () => {
    const q = parseSearchQuery('中华人民共和国');
    expect(q.tsquery).toMatch(/^\( '中华人民共和国' \| '中华' & .*'共和国'.* \)$/);
  });

  it('lets a made-up Chinese word in a query match its two-character pieces', () => {
    expect(parseSearchQuery('外机装').tsquery).toBe("( '外机装' | '外机' & '机装' )");
  });

  it('segments a Chinese phrase into words that must all match', () => {
    const q = parseSearchQuery('申请退款');
    expect(q.tsquery).toBe("'申请' & '退款'");
  });

  it('has no tsquery when the text has no word, and never passes quotes through', () => {
    expect(parseSearchQuery('!!! ，。').tsquery).toBeNull();
    const q = parseSearchQuery("o'brien \\ ' | & !");
    expect(q.tsquery).toBe("'o' & 'brien':*");
  });

  it('matches a Latin word or number shorter than three characters exactly, not as a prefix', () => {
    expect(parseSearchQuery('Pixel 8').tsquery).toBe("'pixel':* & '8'");
    expect(parseSearchQuery('小米14 无法开机').tsquery).toBe("'小米' & '14' & '无法' & '开机'");
    expect(parseSearchQuery('TV').tsquery).toBe("'tv'");
    expect(parseSearchQuery('tvs').tsquery).toBe("'tvs':*");
  });

  it('leaves Chinese particles out beside other words, and keeps a particle typed alone', () => {
    const q = parseSearchQuery('扣了两次');
    expect(q.tsquery).toBe("'扣' & '两次'");
    expect(q.highlightTerms).toEqual(['扣', '两次']);
    expect(parseSearchQuery('华为 屏幕碎了').tsquery).toBe("'华为' & '屏幕' & '碎'");
    expect(parseSearchQuery('了').tsquery).toBe("'了'");
  });

  it('lets an English plural find its singular, which a prefix cannot reach', () => {
    const q = parseSearchQuery('printers jammed');
    expect(q.tsquery).toBe("( 'printers':* | 'printer' ) & 'jammed':*");
    expect(q.highlightTerms).toEqual(['printers', 'printer', 'jammed']);
    expect(q.wordCount).toBe(2);
    expect(singularForms('batteries')).toEqual(['batterie', 'battery']);
    expect(singularForms('boxes')).toEqual(['boxe', 'box']);
    expect(singularForms('addresses')).toEqual(['addresse', 'address']);
    expect(singularForms('photos')).toEqual(['photo']);
    // Not plurals, too short to guess, numbers and identifiers: left as typed.
    for (const word of ['glass', 'status', 'analysis', 'was', 'bus', '100s']) expect(singularForms(word)).toEqual([]);
    expect(singularForms('does')).toEqual(['doe']);
    expect(parseSearchQuery('li.wei@firsthand.com').tsquery).toBe("'li' & 'wei' & 'firsthand' & 'com'");
  });

  it('counts repeated words once', () => {
    expect(parseSearchQuery('refund REFUND refund').wordCount).toBe(1);
  });
});
