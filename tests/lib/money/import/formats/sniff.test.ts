import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { sharedFixturePath } from '../../../../helpers/shared-fixtures';
import { describe, expect, it } from 'vitest';
import { sniffStructuredFormat } from '@/lib/money/import/formats/sniff';

function fixturesDir(): string {
  return path.dirname(sharedFixturePath('bank', 'SOURCES.md'));
}

// Every file in shared/fixtures/bank; a new one fails here until it is given its answer.
const EXPECTED: Record<string, ReturnType<typeof sniffStructuredFormat>> = {
  'amex_cc_anon.csv': null,
  'bofa_bank_anon.csv': null,
  'csv2ofx_gls.expected.ofx': 'ofx',
  'csv2ofx_gls_de_latin1_semicolon.csv': null,
  'csv2ofx_outbank.expected.ofx': 'ofx',
  'csv2ofx_outbank_de_semicolon.csv': null,
  'csv2ofx_ubs_ch_fr.expected.qif': 'qif',
  'csv2ofx_ubs_ch_fr_semicolon.csv': null,
  'genkgo_camt053.v2.minimal.expected.json': null,
  'genkgo_camt053.v2.minimal.xml': 'camt053',
  'genkgo_camt053.v4.expected.json': null,
  'genkgo_camt053.v4.xml': 'camt053',
  'mt940_jejik_abnamro.expected.yml': null,
  'mt940_jejik_abnamro.sta': 'mt940',
  'mt940_jejik_ing.expected.yml': null,
  'mt940_jejik_ing.sta': 'mt940',
  'ofxparse_multiple_accounts_ofx211_xml.ofx': 'ofx',
  'ofxparse_suncorp_ofx200_xml_cdata.ofx': 'ofx',
  'test_quicken_import.sample_qfx.qfx': 'ofx', // OFX 1.02 with no Intuit tags
  'test_quicken_import.sample_qif_bank.qif': 'qif',
};

describe('sniffStructuredFormat', () => {
  const dir = fixturesDir();
  const files = readdirSync(dir).sort();

  it('has an answer for every bank fixture', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const file of files) {
    it(`${file} → ${String(EXPECTED[file])}`, () => {
      expect(sniffStructuredFormat(readFileSync(path.join(dir, file), 'latin1'))).toBe(EXPECTED[file]);
    });
  }

  it('says qfx when the OFX carries INTU.BID', () => {
    const qfx = readFileSync(path.join(dir, 'test_quicken_import.sample_qfx.qfx'), 'utf8').replace('</LANGUAGE>', '</LANGUAGE>\n<INTU.BID>3000');
    expect(sniffStructuredFormat(qfx)).toBe('qfx');
  });

  it('sees past a byte order mark, and says null for empty or plain text', () => {
    expect(sniffStructuredFormat('\uFEFF!Type:Bank\nD1/1/2024\n')).toBe('qif');
    expect(sniffStructuredFormat('')).toBeNull();
    expect(sniffStructuredFormat('<html><body>:20: hello</body></html>')).toBeNull();
  });
});
