'use client';

import { useActionState, useState, useTransition } from 'react';
import { fieldsOf, defaultParams, initialWizardState, paramError, strategyParams, type StrategyChoice } from '@/components/bots/wizard/wizard-state';
import { Card, CardContent } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { SubmitButton } from '@/components/ui/submit-button';
import { FormAlert } from '@/components/workspace/form-alert';
import type { ActionResult, FormAction } from '@/lib/actions/form-state';
import { SimulatedMarket } from '@/lib/bots/exchange/simulated-market';

type Target = { key: string; url: string; method: 'PUT'; headers: Record<string, string> };
type Upload = { key: string; name: string } | null;

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The backtest form: strategy and its parameters (the wizard's fields), the candles — the simulated
 * market for a period, or a file uploaded straight to storage when picked — and the fill model.
 */
export function BacktestForm({ workspace, action, uploadTarget, today }: { workspace: string; action: FormAction<unknown>; uploadTarget: FormAction<Target>; today: string }) {
  const [result, formAction] = useActionState(action, null);
  const errors = result && !result.ok ? result.fieldErrors : undefined;
  const error = (path: string) => errors?.[path];
  const [strategy, setStrategy] = useState<StrategyChoice>('dca_ladder');
  const [params, setParams] = useState<Record<string, string>>(defaultParams('dca_ladder'));
  const [sizeUnit, setSizeUnit] = useState<'quote' | 'base'>('quote');
  const [filtersOn, setFiltersOn] = useState(true);
  const end = new Date(`${today}T00:00:00Z`);
  const [fields, setFields] = useState({
    name: 'BTC ladder, last 90 days',
    symbol: 'BTCUSDT',
    side: 'long',
    leverage: '3',
    startingBalance: '10000',
    model: 'tessera',
    decisionEveryMinutes: '5',
    source: 'simulated',
    from: isoDay(new Date(end.getTime() - 90 * 86_400_000)),
    to: today,
  });
  const set = (patch: Partial<typeof fields>) => setFields((f) => ({ ...f, ...patch }));
  const [upload, setUpload] = useState<Upload>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [uploading, startUpload] = useTransition();

  const pick = (file: File | null) => {
    setUpload(null);
    setUploadError(null);
    if (!file) return;
    startUpload(async () => {
      const data = new FormData();
      data.set('workspace', workspace);
      data.set('size', String(file.size));
      const target: ActionResult<Target> = await uploadTarget(null, data);
      if (!target.ok) return setUploadError(Object.values(target.fieldErrors ?? {})[0]?.[0] ?? target.error.message);
      const put = await fetch(target.data.url, { method: target.data.method, headers: target.data.headers, body: file }).catch(() => null);
      if (!put?.ok) return setUploadError('The upload did not go through. Check your connection and pick the file again.');
      setUpload({ key: target.data.key, name: file.name });
    });
  };

  const config = JSON.stringify({
    name: fields.name,
    strategy,
    symbol: fields.symbol,
    side: fields.side,
    leverage: Number(fields.leverage),
    startingBalance: fields.startingBalance.trim(),
    model: fields.model,
    decisionEveryMinutes: Number(fields.decisionEveryMinutes),
    params: strategyParams({ ...initialWizardState(), strategy, params, sizeUnit }),
    filters: filtersOn ? {} : { emaEnabled: false, volatilityEnabled: false, declineEnabled: false },
    source: fields.source === 'simulated' ? { kind: 'simulated', from: fields.from, to: fields.to } : { kind: 'upload', key: upload?.key ?? '', name: upload?.name ?? '' },
  });

  return (
    <form action={formAction} className="space-y-6">
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="config" value={config} />
      <FormAlert state={result} />
      <Card>
        <CardContent className="grid gap-5 pt-6 sm:grid-cols-2">
          <FormField id="bt-name" label="Name" error={error('name')} required>
            <Input value={fields.name} onChange={(e) => set({ name: e.target.value })} maxLength={100} />
          </FormField>
          <FormField id="bt-strategy" label="Strategy" error={error('strategy')}>
            <Select
              value={strategy}
              onChange={(e) => {
                const next = e.target.value as StrategyChoice;
                setStrategy(next);
                setParams(defaultParams(next));
              }}
            >
              <option value="dca_ladder">DCA ladder</option>
              <option value="balance_martingale">Balance Martingale (the original bot)</option>
            </Select>
          </FormField>
          <FormField id="bt-symbol" label="Symbol" error={error('symbol')} hint={`The simulated market has ${SimulatedMarket.SYMBOLS.join(', ')}; any symbol works with your own candles.`}>
            <Input value={fields.symbol} onChange={(e) => set({ symbol: e.target.value.toUpperCase() })} />
          </FormField>
          <FormField id="bt-side" label="Side" error={error('side')}>
            <Select value={fields.side} onChange={(e) => set({ side: e.target.value })}>
              <option value="long">Long</option>
              <option value="short">Short</option>
            </Select>
          </FormField>
          <FormField id="bt-leverage" label="Leverage" error={error('leverage')}>
            <Input inputMode="numeric" value={fields.leverage} onChange={(e) => set({ leverage: e.target.value })} />
          </FormField>
          <FormField id="bt-balance" label="Starting balance (USDT)" error={error('startingBalance')}>
            <Input inputMode="decimal" value={fields.startingBalance} onChange={(e) => set({ startingBalance: e.target.value })} />
          </FormField>
        </CardContent>
      </Card>

      <Card>
        <CardContent className="space-y-5 pt-6">
          <h2 className="font-semibold">Parameters</h2>
          {strategy === 'dca_ladder' ? (
            <FormField id="bt-size-unit" label="Order sizes in">
              <Select value={sizeUnit} onChange={(e) => setSizeUnit(e.target.value as 'quote' | 'base')}>
                <option value="quote">USDT (quote currency)</option>
                <option value="base">Coins (base units)</option>
              </Select>
            </FormField>
          ) : null}
          <div className="grid gap-5 sm:grid-cols-2">
            {fieldsOf(strategy).map((field) => (
              <FormField key={field.name} id={`bt-param-${field.name}`} label={`${field.label}${field.percent ? ' (%)' : ''}`} hint={field.hint} optional={field.optional} error={paramError(prefixed(errors), field.name)}>
                <Input inputMode="decimal" value={params[field.name] ?? ''} onChange={(e) => setParams((p) => ({ ...p, [field.name]: e.target.value }))} />
              </FormField>
            ))}
          </div>
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" className="mt-0.5 size-4 accent-accent" checked={filtersOn} onChange={(e) => setFiltersOn(e.target.checked)} />
            <span>Use the filters (EMA trend gates, volatility protection, decline velocity) with the original bot’s thresholds</span>
          </label>
        </CardContent>
      </Card>

      <Card>
        <CardContent className="grid gap-5 pt-6 sm:grid-cols-2">
          <h2 className="font-semibold sm:col-span-2">Candles and fills</h2>
          <FormField id="bt-source" label="Candles" error={error('source.kind')}>
            <Select value={fields.source} onChange={(e) => set({ source: e.target.value })}>
              <option value="simulated">Simulated market for a period</option>
              <option value="upload">My own file (CSV, Bybit or Phemex JSON)</option>
            </Select>
          </FormField>
          {fields.source === 'simulated' ? (
            <div className="grid grid-cols-2 gap-3">
              <FormField id="bt-from" label="From" error={error('source.from')}>
                <Input type="date" value={fields.from} onChange={(e) => set({ from: e.target.value })} />
              </FormField>
              <FormField id="bt-to" label="To" error={error('source.to')}>
                <Input type="date" value={fields.to} onChange={(e) => set({ to: e.target.value })} />
              </FormField>
            </div>
          ) : (
            <FormField
              id="bt-file"
              label="Candle file"
              error={uploadError ?? error('source.key')}
              hint={upload ? `Uploaded: ${upload.name}` : uploading ? 'Uploading…' : 'One-minute candles: timestamp,open,high,low,close,volume, or a Bybit v5 / Phemex kline response.'}
            >
              <Input type="file" accept=".csv,.json,text/csv,application/json" onChange={(e) => pick(e.target.files?.[0] ?? null)} />
            </FormField>
          )}
          <FormField id="bt-model" label="Fill model" error={error('model')} hint="The original’s: 0.075% fees, liquidation at margin level ≤ 1 with 0.5% slippage, its report beside Tessera’s.">
            <Select value={fields.model} onChange={(e) => set({ model: e.target.value })}>
              <option value="tessera">Tessera (0.06% fees, 0.05% slippage)</option>
              <option value="original">The original bot’s backtest</option>
            </Select>
          </FormField>
          <FormField id="bt-every" label="Decide every (minutes)" error={error('decisionEveryMinutes')} hint="A bot’s run interval; the original decided every 5th minute.">
            <Input inputMode="numeric" value={fields.decisionEveryMinutes} onChange={(e) => set({ decisionEveryMinutes: e.target.value })} />
          </FormField>
        </CardContent>
      </Card>
      <SubmitButton pendingText="Starting…" disabled={uploading || (fields.source === 'upload' && !upload)}>
        Run backtest
      </SubmitButton>
    </form>
  );
}

/** Backtest params errors are keyed `params.x`; paramError reads the bots' `pairs.0.params.x`. */
function prefixed(errors: Record<string, string[] | undefined> | undefined) {
  if (!errors) return undefined;
  return Object.fromEntries(Object.entries(errors).map(([key, value]) => [key.startsWith('params.') ? `pairs.0.${key}` : key, value]));
}
