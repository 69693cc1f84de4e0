import { describe, expect, it } from 'vitest';
import { DATE_FORMATS, detectDateFormat, parseDate, readDate } from '@/lib/money/import/csv/dates';
import { type NumberFormat, detectNumberFormat, parseAmountText } from '@/lib/money/import/csv/numbers';

const US: NumberFormat = { decimal: '.', thousands: ',' };
const DE: NumberFormat = { decimal: ',', thousands: '.' };
const CH: NumberFormat = { decimal: '.', thousands: "'" };

describe('parseAmountText', () => {
  it('reads separators per format', () => {
    expect(parseAmountText('1,234.56', US)).toBe('1234.56');
    expect(parseAmountText('1.234,56', DE)).toBe('1234.56');
    expect(parseAmountText("11'373.94", CH)).toBe('11373.94');
    expect(parseAmountText('11’373.94', { decimal: '.', thousands: '’' })).toBe('11373.94');
    expect(parseAmountText('1 234,56', { decimal: ',', thousands: ' ' })).toBe('1234.56');
    expect(parseAmountText('1\u202f234,56', { decimal: ',', thousands: ' ' })).toBe('1234.56');
    expect(parseAmountText('1234.56', US)).toBe('1234.56');
    expect(parseAmountText('-98,76', DE)).toBe('-98.76');
    expect(parseAmountText('.50', US)).toBe('0.50');
  });

  it('refuses what the format cannot read', () => {
    expect(parseAmountText('1.234,56', US)).toBeNull();
    expect(parseAmountText('12,34', US)).toBeNull(); // a group of two is no thousands group
    expect(parseAmountText('1,2345', US)).toBeNull();
    expect(parseAmountText('abc', US)).toBeNull();
    expect(parseAmountText('', US)).toBeNull();
    expect(parseAmountText('=1+2', US)).toBeNull();
    expect(parseAmountText('VWZ1', US)).toBeNull(); // not a currency code
    expect(parseAmountText('1 234.00', US)).toBeNull();
    expect(parseAmountText('-(12.00)', US)).toBeNull(); // two signs
  });

  it('reads every sign convention and drops currency symbols and codes', () => {
    expect(parseAmountText('(12.34)', US)).toBe('-12.34');
    expect(parseAmountText('($29.44)', US)).toBe('-29.44');
    expect(parseAmountText('$500.00', US)).toBe('500.00');
    expect(parseAmountText('12.34-', US)).toBe('-12.34');
    expect(parseAmountText('- $18.00', US)).toBe('-18.00');
    expect(parseAmountText('+ $20.00', US)).toBe('20.00');
    expect(parseAmountText('-$5.00', US)).toBe('-5.00');
    expect(parseAmountText('$-5.00', US)).toBe('-5.00');
    expect(parseAmountText('12.50 CR', US)).toBe('12.50');
    expect(parseAmountText('12.50DR', US)).toBe('-12.50');
    expect(parseAmountText('€ 1.234,56', DE)).toBe('1234.56');
    expect(parseAmountText('1.234,56 €', DE)).toBe('1234.56');
    expect(parseAmountText("CHF 1'000.00", CH)).toBe('1000.00');
    expect(parseAmountText('−7.00', US)).toBe('-7.00');
    expect(parseAmountText('-0.00', US)).toBe('0.00');
  });
});

describe('detectNumberFormat', () => {
  it('chooses by evidence', () => {
    expect(detectNumberFormat(['-98,76', '1.234,56']).format).toEqual(DE);
    expect(detectNumberFormat(['10.00', "11'373.94", '240.00']).format).toEqual(CH);
    expect(detectNumberFormat(['"-2,202.05"', '-100.00', '4,633.88']).format).toEqual(null); // quotes are not amounts
    expect(detectNumberFormat(['-2,202.05', '-100.00', '4,633.88']).format).toEqual(US);
    expect(detectNumberFormat(['100,00', '-63,89']).format?.decimal).toBe(',');
  });

  it('says what it assumed when the values cannot tell', () => {
    const plain = detectNumberFormat(['12', '-5', '300']);
    expect(plain.format).toEqual(US);
    expect(plain.assumed).toMatch(/decimal separator/);
  });

  it('refuses values that read two ways', () => {
    const result = detectNumberFormat(['1,234', '5,678']);
    expect(result.format).toBeNull();
    expect(result.ambiguous).toEqual(expect.arrayContaining([US, { decimal: ',', thousands: '.' }]));
  });

  it('is not an amount column below 80% numeric', () => {
    expect(detectNumberFormat(['1.00', 'abc', 'def']).format).toBeNull();
    expect(detectNumberFormat(['1.00', '2.00', '3.00', '4.00', 'n/a']).format).toEqual(US);
  });
});

describe('dates', () => {
  it('reads every format', () => {
    const cases: [string, (typeof DATE_FORMATS)[number]][] = [
      ['2024-03-05', 'YYYY-MM-DD'],
      ['03/05/2024', 'MM/DD/YYYY'],
      ['3/5/24', 'M/D/YY'],
      ['05/03/2024', 'DD/MM/YYYY'],
      ['5/3/24', 'D/M/YY'],
      ['05.03.2024', 'DD.MM.YYYY'],
      ['05.03.24', 'DD.MM.YY'],
      ['20240305', 'YYYYMMDD'],
      ['05-03-2024', 'DD-MM-YYYY'],
      ['03-05-2024', 'MM-DD-YYYY'],
      ['2024/03/05', 'YYYY/MM/DD'],
    ];
    for (const [text, format] of cases) expect(parseDate(text, format), `${text} ${format}`).toBe('2024-03-05');
  });

  it('ignores a time after the date', () => {
    expect(parseDate('2024-01-05T12:34:56', 'YYYY-MM-DD')).toBe('2024-01-05');
    expect(parseDate('2024-01-05 12:34', 'YYYY-MM-DD')).toBe('2024-01-05');
    expect(parseDate('01/05/2024 3:04 PM', 'MM/DD/YYYY')).toBe('2024-01-05');
    expect(parseDate('2024-01-05T12:34:56Z', 'YYYY-MM-DD')).toBe('2024-01-05');
  });

  it('rejects impossible dates and tells them from a wrong layout', () => {
    expect(readDate('31/02/2024', 'DD/MM/YYYY')).toEqual({ ok: false, reason: 'impossible' });
    expect(readDate('29/02/2023', 'DD/MM/YYYY')).toEqual({ ok: false, reason: 'impossible' });
    expect(readDate('29/02/2024', 'DD/MM/YYYY')).toEqual({ ok: true, date: '2024-02-29' });
    expect(readDate('2024-13-01', 'YYYY-MM-DD')).toEqual({ ok: false, reason: 'impossible' });
    expect(readDate('2024-01-05', 'DD/MM/YYYY')).toEqual({ ok: false, reason: 'format' });
    expect(readDate('abc', 'YYYY-MM-DD')).toEqual({ ok: false, reason: 'format' });
  });

  it('detects the format when ≥ 80% parse', () => {
    expect(detectDateFormat(['10.10.2017', '01.02.2018']).format).toBe('DD.MM.YYYY');
    expect(detectDateFormat(['2/20/19', '2/8/19', '1/21/19', '1/5/19']).format).toBe('M/D/YY');
    expect(detectDateFormat(['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', 'total']).format).toBe('YYYY-MM-DD');
    expect(detectDateFormat(['2024-01-01', 'x', 'y']).format).toBeNull();
  });

  it('marks the day/month order ambiguous instead of guessing', () => {
    const ambiguous = detectDateFormat(['01/02/2024', '03/04/2024', '12/11/2024']);
    expect(ambiguous.ambiguous).toBe(true);
    expect(ambiguous.format).toBeNull();
    expect(ambiguous.formats).toEqual(expect.arrayContaining(['MM/DD/YYYY', 'DD/MM/YYYY']));
    expect(detectDateFormat(['01/02/2024', '13/04/2024']).format).toBe('DD/MM/YYYY');
    expect(detectDateFormat(['01/02/2024', '04/13/2024']).format).toBe('MM/DD/YYYY');
    expect(detectDateFormat(['01-02-2024']).ambiguous).toBe(true);
  });
});
