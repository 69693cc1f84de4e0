import { describe, expect, it } from 'vitest';
import { importOriginal, initialWizardState, stepOfField, toBotConfig, wizardStateFromBot, wizardStateFromDraft } from '@/components/bots/wizard/wizard-state';
import { parseBotConfig } from '@/lib/bots/bot-config';

describe('bot wizard state', () => {
  it('sends a configuration the server accepts as it stands, percentages as fractions', () => {
    const state = { ...initialWizardState(), name: 'Ladder' };
    const bot = parseBotConfig(toBotConfig(state));
    expect(bot.pairs).toHaveLength(1);
    expect(bot.pairs[0]!.params).toMatchObject({ side: 'long', takeProfit: 0.015, priceDeviation: 0.01, baseOrderSize: 10, maxSafetyOrders: 5 });
  });

  it('checks the ladder against each pair’s side: a short pair gets short params', () => {
    const state = { ...initialWizardState(), name: 'Both ways', pairs: [{ symbol: 'ETHUSDT', side: 'short' as const, leverage: '2', automatic: true }] };
    expect(parseBotConfig(toBotConfig(state)).pairs[0]!.params.side).toBe('short');
  });

  it('names the field of a bad parameter, and the step it sits on', () => {
    const state = { ...initialWizardState(), name: 'Bad', params: { ...initialWizardState().params, takeProfit: 'abc' } };
    let fields: Record<string, string[]> = {};
    try {
      parseBotConfig(toBotConfig(state));
    } catch (error) {
      fields = (error as { details: { fields: Record<string, string[]> } }).details.fields;
    }
    expect(Object.keys(fields)).toEqual(['pairs.0.params.takeProfit']);
    expect(stepOfField('pairs.0.params.takeProfit')).toBe('strategy');
  });

  it('keeps stored exchange keys on an edit unless new ones are typed', () => {
    const bot = {
      name: 'Live one',
      exchange: 'bybit' as const,
      testnet: true,
      credentialsHint: 'abcd…wxyz',
      strategy: 'dca_ladder' as const,
      runIntervalMinutes: 15,
      paperStartingBalance: null,
      notify: { email: false, events: ['error' as const], telegram: { chatId: '42', hint: '12…89' } },
      pairs: [{ symbol: 'BTCUSDT', side: 'long' as const, leverage: 5, automatic: true, params: { takeProfit: 0.02, priceDeviation: 0.015, baseOrderSize: 10 }, filters: { emaEnabled: false, emaFast: 21 } }],
    };
    const state = wizardStateFromBot(bot);
    expect(state).toMatchObject({ exchange: 'bybit', runIntervalMinutes: '15', notifyEmail: false, telegramChatId: '42', telegramTokenHint: '12…89' });
    expect(state.params.takeProfit).toBe('2');
    expect(state.params.priceDeviation).toBe('1.5');
    const config = toBotConfig(state);
    expect(config).not.toHaveProperty('credentials');
    // Filter thresholds the form doesn't show go back as they were.
    expect((config.pairs as { filters: Record<string, unknown> }[])[0]!.filters).toMatchObject({ emaEnabled: false, emaFast: 21 });
    expect(toBotConfig({ ...state, apiKey: 'new-key-123', apiSecret: 'new-secret-456' })).toHaveProperty('credentials', { apiKey: 'new-key-123', apiSecret: 'new-secret-456' });
  });

  it('turns a backtest draft back into the same fields', () => {
    const state = wizardStateFromDraft({
      name: 'Year of BTC bot',
      strategy: 'balance_martingale',
      runIntervalMinutes: 5,
      paperStartingBalance: '5000',
      pairs: [{ symbol: 'BTCUSDT', side: 'long', leverage: 10, automatic: true, params: { beginSizeOfBalance: 0.006, profitThreshold: 0.003 }, filters: {} }],
    });
    expect(state).toMatchObject({ strategy: 'balance_martingale', paperStartingBalance: '5000', pairs: [{ symbol: 'BTCUSDT', leverage: '10' }] });
    expect(state.params.beginSizeOfBalance).toBe('0.6');
    expect(state.params.profitThreshold).toBe('0.3');
  });

  it('imports the original bot’s SYMBOL line and settings', () => {
    const result = importOriginal(initialWizardState(), 'SYMBOL=BTCUSDT:Long:true,ETHUSDT:Short:false\nLEVERAGE=7\nPROFIT_THRESHOLD=0.004');
    expect(typeof result).toBe('object');
    const state = result as Exclude<typeof result, string>;
    expect(state.strategy).toBe('balance_martingale');
    expect(state.pairs).toEqual([
      { symbol: 'BTCUSDT', side: 'long', leverage: '7', automatic: true },
      { symbol: 'ETHUSDT', side: 'short', leverage: '7', automatic: false },
    ]);
    expect(state.params.profitThreshold).toBe('0.4');
  });
});
