'use client';

import { useActionState, useMemo, useState, useTransition, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { SubmitButton } from '@/components/ui/submit-button';
import { Textarea } from '@/components/ui/textarea';
import { FormAlert } from '@/components/workspace/form-alert';
import type { ActionState, FormAction } from '@/lib/actions/form-state';
import { EXCHANGE_LABELS, EXCHANGES } from '@/lib/bots/exchanges';
import { SimulatedMarket } from '@/lib/bots/exchange/simulated-market';
import { BOT_NOTIFY_EVENT_LABELS, BOT_NOTIFY_EVENTS } from '@/lib/bots/notify/events';
import { LadderPreview } from './ladder-preview';
import {
  defaultParams,
  fieldsOf,
  importOriginal,
  initialWizardState,
  ladderShapeOf,
  paramError,
  stepOfField,
  toBotConfig,
  type WizardState,
  type WizardStep,
} from './wizard-state';

const STEPS: { id: WizardStep; label: string }[] = [
  { id: 'basics', label: 'Basics' },
  { id: 'credentials', label: 'Exchange keys' },
  { id: 'pairs', label: 'Pairs' },
  { id: 'strategy', label: 'Strategy' },
  { id: 'notifications', label: 'Notifications' },
  { id: 'review', label: 'Review' },
];

const market = new SimulatedMarket();

type Props = {
  workspace: string;
  action: FormAction<unknown>;
  testConnection: FormAction<{ balance: string }>;
  /** The plan's word on live trading, shown where it matters. */
  liveAllowed: boolean;
  initial?: Partial<WizardState>;
  /** Editing an existing bot: one "Save changes" button, and these hidden fields (the bot's id) go with it. */
  edit?: { hidden: Record<string, string> };
};

/** The creation wizard: basics and exchange → keys with a test → pairs → strategy with the ladder preview → notifications → review and launch. */
export function BotWizard({ workspace, action, testConnection, liveAllowed, initial, edit }: Props) {
  const [state, setState] = useState<WizardState>(() => ({ ...initialWizardState(), ...initial }));
  const [step, setStep] = useState<WizardStep>('basics');
  const [result, formAction] = useActionState(action, null);
  const errors = result && !result.ok ? result.fieldErrors : undefined;
  const update = (patch: Partial<WizardState>) => setState((s) => ({ ...s, ...patch }));

  // A refused launch opens the step holding the first problem (adjusted while rendering, once per result).
  const [seenResult, setSeenResult] = useState(result);
  if (result !== seenResult) {
    setSeenResult(result);
    const first = errors ? Object.keys(errors).find((key) => errors[key]?.length) : undefined;
    if (first) setStep(stepOfField(first));
  }

  const steps = STEPS.filter((s) => s.id !== 'credentials' || state.exchange !== 'paper');
  const index = steps.findIndex((s) => s.id === step);
  const go = (offset: number) => setStep(steps[Math.min(steps.length - 1, Math.max(0, index + offset))]!.id);
  const error = (path: string) => errors?.[path];

  return (
    <div className="space-y-6">
      <nav aria-label="Wizard steps">
        <ol className="flex flex-wrap gap-2 text-sm">
          {steps.map((s, i) => (
            <li key={s.id}>
              <button
                type="button"
                onClick={() => setStep(s.id)}
                aria-current={s.id === step ? 'step' : undefined}
                className={`rounded-full border px-3 py-1 ${s.id === step ? 'border-accent bg-accent text-accent-foreground' : 'border-border text-muted hover:text-foreground'}`}
              >
                {i + 1}. {s.label}
              </button>
            </li>
          ))}
        </ol>
      </nav>

      {errors && Object.values(errors).some((messages) => messages?.length) ? (
        <div role="alert" className="rounded-lg border border-danger-border bg-danger-soft px-4 py-3 text-sm text-danger" data-testid="wizard-errors">
          <p className="font-medium">The bot wasn’t saved. Fix these and launch again:</p>
          <ul className="mt-1 list-disc pl-5">
            {Object.entries(errors).flatMap(([path, messages]) =>
              (messages ?? []).map((message) => (
                <li key={`${path}:${message}`}>
                  <button type="button" className="underline" onClick={() => setStep(stepOfField(path))}>
                    {message}
                  </button>
                </li>
              )),
            )}
          </ul>
        </div>
      ) : null}
      <Card>
        <CardContent className="space-y-5 pt-6">
          {step === 'basics' ? <BasicsStep state={state} update={update} error={error} liveAllowed={liveAllowed} /> : null}
          {step === 'credentials' ? <CredentialsStep state={state} update={update} error={error} workspace={workspace} testConnection={testConnection} /> : null}
          {step === 'pairs' ? <PairsStep state={state} update={update} error={error} /> : null}
          {step === 'strategy' ? <StrategyStep state={state} update={update} errors={errors} /> : null}
          {step === 'notifications' ? <NotifyStep state={state} update={update} error={error} /> : null}
          {step === 'review' ? (
            <ReviewStep state={state} workspace={workspace} formAction={formAction} result={result} edit={edit} />
          ) : (
            <div className="flex justify-between gap-3 pt-2">
              <Button type="button" variant="secondary" onClick={() => go(-1)} disabled={index === 0}>
                Back
              </Button>
              <Button type="button" onClick={() => go(1)}>
                Next: {steps[index + 1]?.label}
              </Button>
            </div>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

type StepProps = { state: WizardState; update: (patch: Partial<WizardState>) => void; error: (path: string) => string[] | undefined };

function Check({ checked, onChange, children }: { checked: boolean; onChange: (value: boolean) => void; children: ReactNode }) {
  return (
    <label className="flex items-start gap-2 text-sm">
      <input type="checkbox" className="mt-0.5 size-4 accent-accent" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>{children}</span>
    </label>
  );
}

function BasicsStep({ state, update, error, liveAllowed }: StepProps & { liveAllowed: boolean }) {
  return (
    <>
      <FormField id="bot-name" label="Name" error={error('name')} required>
        <Input value={state.name} onChange={(e) => update({ name: e.target.value })} placeholder="BTC dip ladder" maxLength={80} />
      </FormField>
      <FormField id="bot-exchange" label="Exchange" error={error('exchange')} hint="Paper trades on a simulated market with fees, slippage and liquidation: the place to start.">
        <Select value={state.exchange} onChange={(e) => update({ exchange: e.target.value as WizardState['exchange'] })}>
          {EXCHANGES.map((exchange) => (
            <option key={exchange} value={exchange}>
              {EXCHANGE_LABELS[exchange]}
            </option>
          ))}
        </Select>
      </FormField>
      {state.exchange === 'paper' ? (
        <FormField id="bot-balance" label="Paper balance (USDT)" error={error('paperStartingBalance')}>
          <Input inputMode="decimal" value={state.paperStartingBalance} onChange={(e) => update({ paperStartingBalance: e.target.value })} />
        </FormField>
      ) : (
        <div className="space-y-2">
          <Check checked={state.testnet} onChange={(testnet) => update({ testnet })}>
            Trade on the exchange’s testnet (no real money)
          </Check>
          {!state.testnet && !liveAllowed ? <p className="text-sm text-warning">Your plan doesn’t include live trading: the bot can be saved but not started live. Upgrade in Settings → Billing.</p> : null}
        </div>
      )}
      <FormField id="bot-interval" label="Run every (minutes)" error={error('runIntervalMinutes')} hint="How often the bot looks at the market and places orders. The original bot ran every 5 minutes.">
        <Input inputMode="numeric" value={state.runIntervalMinutes} onChange={(e) => update({ runIntervalMinutes: e.target.value })} />
      </FormField>
    </>
  );
}

function CredentialsStep({ state, update, error, workspace, testConnection }: StepProps & { workspace: string; testConnection: FormAction<{ balance: string }> }) {
  const [outcome, setOutcome] = useState<ActionState<{ balance: string }>>(null);
  const [pending, start] = useTransition();
  const test = () =>
    start(async () => {
      const data = new FormData();
      data.set('workspace', workspace);
      data.set('exchange', state.exchange);
      data.set('testnet', String(state.testnet));
      data.set('apiKey', state.apiKey);
      data.set('apiSecret', state.apiSecret);
      setOutcome(await testConnection(null, data));
    });
  return (
    <>
      <p className="text-sm text-muted">
        Create an API key on {EXCHANGE_LABELS[state.exchange]} {state.testnet ? '(testnet)' : ''} with trading permission and no withdrawal permission. Tessera stores it encrypted and shows only its first and last characters.
      </p>
      {state.credentialsHint ? (
        <p className="text-sm" data-testid="credentials-on-file">
          Keys on file: <code className="font-mono">{state.credentialsHint}</code>. Leave both fields empty to keep them.
        </p>
      ) : null}
      <FormField id="bot-api-key" label="API key" error={error('credentials.apiKey') ?? (outcome && !outcome.ok ? outcome.fieldErrors?.apiKey : undefined)} required={!state.credentialsHint}>
        <Input value={state.apiKey} onChange={(e) => update({ apiKey: e.target.value })} autoComplete="off" spellCheck={false} />
      </FormField>
      <FormField id="bot-api-secret" label="API secret" error={error('credentials.apiSecret') ?? (outcome && !outcome.ok ? outcome.fieldErrors?.apiSecret : undefined)} required={!state.credentialsHint}>
        <Input type="password" value={state.apiSecret} onChange={(e) => update({ apiSecret: e.target.value })} autoComplete="off" />
      </FormField>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant="secondary" onClick={test} loading={pending} loadingText="Testing…">
          Test connection
        </Button>
        {outcome?.ok ? (
          <p role="status" className="text-sm text-success">
            Connected: balance {outcome.data.balance}.
          </p>
        ) : outcome ? (
          <p role="alert" className="text-sm text-danger">
            {outcome.error.message}
          </p>
        ) : null}
      </div>
    </>
  );
}

function PairsStep({ state, update, error }: StepProps) {
  const setPair = (i: number, patch: Partial<WizardState['pairs'][number]>) => update({ pairs: state.pairs.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  return (
    <>
      <p className="text-sm text-muted">
        Each pair trades one USDT perpetual. {state.exchange === 'paper' ? `The paper market has ${SimulatedMarket.SYMBOLS.join(', ')}.` : ''}
      </p>
      {error('pairs')?.map((message) => (
        <p key={message} role="alert" className="text-sm text-danger">
          {message}
        </p>
      ))}
      {state.pairs.map((pair, i) => (
        <fieldset key={i} className="grid gap-3 rounded-lg border border-border p-3 sm:grid-cols-[2fr_1fr_1fr_auto]">
          <legend className="px-1 text-sm font-medium">Pair {i + 1}</legend>
          <FormField id={`pair-${i}-symbol`} label="Symbol" error={error(`pairs.${i}.symbol`)}>
            <Input value={pair.symbol} onChange={(e) => setPair(i, { symbol: e.target.value.toUpperCase() })} placeholder="BTCUSDT" />
          </FormField>
          <FormField id={`pair-${i}-side`} label="Side">
            <Select value={pair.side} onChange={(e) => setPair(i, { side: e.target.value as 'long' | 'short' })}>
              <option value="long">Long</option>
              <option value="short">Short</option>
            </Select>
          </FormField>
          <FormField id={`pair-${i}-leverage`} label="Leverage" error={error(`pairs.${i}.leverage`)}>
            <Input inputMode="numeric" value={pair.leverage} onChange={(e) => setPair(i, { leverage: e.target.value })} />
          </FormField>
          <div className="flex flex-col justify-end gap-2 pb-1">
            <Check checked={pair.automatic} onChange={(automatic) => setPair(i, { automatic })}>
              Opens new deals
            </Check>
            {state.pairs.length > 1 ? (
              <Button type="button" size="sm" variant="ghost" onClick={() => update({ pairs: state.pairs.filter((_, j) => j !== i) })}>
                Remove
              </Button>
            ) : null}
          </div>
        </fieldset>
      ))}
      <Button type="button" variant="secondary" onClick={() => update({ pairs: [...state.pairs, { symbol: '', side: 'long', leverage: state.pairs[0]?.leverage ?? '3', automatic: true }] })}>
        Add a pair
      </Button>
    </>
  );
}

function StrategyStep({ state, update, errors }: Omit<StepProps, 'error'> & { errors: Record<string, string[] | undefined> | undefined }) {
  const [pasted, setPasted] = useState('');
  const [importError, setImportError] = useState<string | null>(null);
  const first = state.pairs[0];
  const [entry, setEntry] = useState(() => String(first && market.rules(first.symbol) ? market.basePrice(first.symbol) : 100));
  const shape = useMemo(() => (state.strategy === 'dca_ladder' && first ? ladderShapeOf(state, first.side) : null), [state, first]);
  const leverage = Number(first?.leverage) || 1;
  const balance = Number(state.paperStartingBalance) || 10_000;
  return (
    <>
      <FormField id="bot-strategy" label="Strategy" error={errors?.strategy}>
        <Select value={state.strategy} onChange={(e) => update({ strategy: e.target.value as WizardState['strategy'], params: defaultParams(e.target.value as WizardState['strategy']) })}>
          <option value="dca_ladder">DCA ladder (base order, safety orders, take profit)</option>
          <option value="balance_martingale">Balance Martingale (the original bot)</option>
        </Select>
      </FormField>
      {state.strategy === 'balance_martingale' ? (
        <div className="space-y-2 rounded-lg border border-border p-3">
          <FormField id="bot-import" label="Coming from the original bot? Paste its settings" hint="Your SYMBOL=BTCUSDT:Long:true,… line and KEY=value settings (LEVERAGE, BEGIN_SIZE_OF_BALANCE, …). API keys are ignored.">
            <Textarea rows={4} value={pasted} onChange={(e) => setPasted(e.target.value)} spellCheck={false} className="font-mono text-xs" />
          </FormField>
          <Button
            type="button"
            size="sm"
            variant="secondary"
            onClick={() => {
              const next = importOriginal(state, pasted);
              if (typeof next === 'string') setImportError(next);
              else {
                setImportError(null);
                update(next);
              }
            }}
          >
            Import settings
          </Button>
          {importError ? (
            <p role="alert" className="text-sm text-danger">
              {importError}
            </p>
          ) : null}
        </div>
      ) : (
        <FormField id="bot-size-unit" label="Order sizes in">
          <Select value={state.sizeUnit} onChange={(e) => update({ sizeUnit: e.target.value as 'quote' | 'base' })}>
            <option value="quote">USDT (quote currency)</option>
            <option value="base">Coins (base units)</option>
          </Select>
        </FormField>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        {fieldsOf(state.strategy).map((field) => (
          <FormField key={field.name} id={`param-${field.name}`} label={`${field.label}${field.percent ? ' (%)' : ''}`} hint={field.hint} optional={field.optional} error={paramError(errors, field.name)}>
            <Input inputMode="decimal" value={state.params[field.name] ?? ''} onChange={(e) => update({ params: { ...state.params, [field.name]: e.target.value } })} />
          </FormField>
        ))}
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Filters (the original bot’s thresholds)</legend>
        <Check checked={state.filters.emaEnabled} onChange={(emaEnabled) => update({ filters: { ...state.filters, emaEnabled } })}>
          EMA trend gates: open only on the dip side of the hourly EMA100, manage by EMA50/EMA200
        </Check>
        <Check checked={state.filters.volatilityEnabled} onChange={(volatilityEnabled) => update({ filters: { ...state.filters, volatilityEnabled } })}>
          Volatility protection: ATR, Bollinger width and historical volatility
        </Check>
        <Check checked={state.filters.declineEnabled} onChange={(declineEnabled) => update({ filters: { ...state.filters, declineEnabled } })}>
          Decline velocity: no adds or safety orders in a fast decline or crash
        </Check>
      </fieldset>
      {shape && first ? (
        <div className="space-y-3">
          <FormField id="preview-entry" label={`Preview the ladder for ${first.symbol} ${first.side} at price`}>
            <Input inputMode="decimal" value={entry} onChange={(e) => setEntry(e.target.value)} className="max-w-40" />
          </FormField>
          {Number(entry) > 0 ? <LadderPreview shape={shape} entry={Number(entry)} leverage={leverage} balance={balance} maxMarginPct={(Number(state.params.maxMarginPct) || 50) / 100} minQty={state.exchange === 'paper' && first ? market.rules(first.symbol)?.minQty : undefined} /> : null}
        </div>
      ) : null}
    </>
  );
}

function NotifyStep({ state, update, error }: StepProps) {
  const toggle = (event: (typeof BOT_NOTIFY_EVENTS)[number], on: boolean) => update({ notifyEvents: on ? [...state.notifyEvents, event] : state.notifyEvents.filter((e) => e !== event) });
  return (
    <>
      <p className="text-sm text-muted">Signed webhooks go to the workspace’s endpoints (Settings → Webhooks) for every bot event. Email and Telegram are set here.</p>
      <Check checked={state.notifyEmail} onChange={(notifyEmail) => update({ notifyEmail })}>
        Email the workspace owners
      </Check>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">On</legend>
        {BOT_NOTIFY_EVENTS.map((event) => (
          <Check key={event} checked={state.notifyEvents.includes(event)} onChange={(on) => toggle(event, on)}>
            {BOT_NOTIFY_EVENT_LABELS[event]}
          </Check>
        ))}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="telegram-chat" label="Telegram chat id" optional error={error('notify.telegram.chatId')} hint="Leave empty for no Telegram messages.">
          <Input value={state.telegramChatId} onChange={(e) => update({ telegramChatId: e.target.value })} placeholder="123456789" />
        </FormField>
        <FormField id="telegram-token" label="Telegram bot token" optional error={error('notify.telegram.botToken')} hint={state.telegramTokenHint ? `On file: ${state.telegramTokenHint}. Leave empty to keep it.` : 'From BotFather; stored encrypted.'}>
          <Input type="password" value={state.telegramToken} onChange={(e) => update({ telegramToken: e.target.value })} autoComplete="off" />
        </FormField>
      </div>
    </>
  );
}

function ReviewStep({ state, workspace, formAction, result, edit }: { state: WizardState; workspace: string; formAction: (data: FormData) => void; result: ActionState<unknown>; edit?: Props['edit'] }) {
  const config = JSON.stringify(toBotConfig(state));
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="workspace" value={workspace} />
      {Object.entries(edit?.hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name="config" value={config} />
      <FormAlert state={result} />
      <CardHeader className="px-0 pt-0">
        <CardTitle as="h2">{state.name || 'Unnamed bot'}</CardTitle>
        <CardDescription>
          {EXCHANGE_LABELS[state.exchange]}
          {state.exchange !== 'paper' ? (state.testnet ? ' · testnet' : ' · live') : ` · ${state.paperStartingBalance} USDT`} · every {state.runIntervalMinutes} min ·{' '}
          {state.strategy === 'dca_ladder' ? 'DCA ladder' : 'Balance Martingale (original)'}
        </CardDescription>
      </CardHeader>
      <ul className="space-y-1 text-sm">
        {state.pairs.map((pair, i) => (
          <li key={i}>
            {pair.symbol || '(no symbol)'} · {pair.side} · {pair.leverage}×{pair.automatic ? '' : ' · manages only'}
          </li>
        ))}
      </ul>
      {edit ? (
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton pendingText="Saving…">Save changes</SubmitButton>
          <p className="text-sm text-muted">A running bot uses them from its next run.</p>
        </div>
      ) : (
        <div className="flex flex-wrap gap-3">
          <SubmitButton name="launch" value="start" pendingText="Launching…">
            Create and start
          </SubmitButton>
          <SubmitButton name="launch" value="create" variant="secondary" pendingText="Saving…">
            Create without starting
          </SubmitButton>
        </div>
      )}
    </form>
  );
}
