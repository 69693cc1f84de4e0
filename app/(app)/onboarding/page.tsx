import type { Metadata } from 'next';
import { cache } from 'react';
import { Card, CardContent } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { FirstSteps } from '@/components/onboarding/first-steps';
import { OnboardingSteps } from '@/components/onboarding/onboarding-steps';
import { ProductChoiceForm } from '@/components/onboarding/product-choice-form';
import { ProfileStepForm } from '@/components/onboarding/profile-step-form';
import { SkipOnboardingForm } from '@/components/onboarding/skip-onboarding-form';
import { CreateWorkspaceForm } from '@/components/workspace/create-workspace-form';
import { orderProducts, parseProductChoice } from '@/lib/tenancy/onboarding-products';
import { requireWorkspacePage } from '@/lib/actions/workspace-page';
import { requireUser } from '@/lib/tenancy/session';
import { onboardingStateFor } from '@/lib/tenancy/signed-in';
import { currencyChoices, timeZones } from '@/lib/tenancy/workspace-fields';
import { createWorkspaceAction, finishOnboardingAction, skipOnboardingAction, startOnboardingAction } from './actions';

type Search = { step?: string; w?: string; products?: string | string[] };

const LABEL = 'Get started';
const TITLES = { create: 'New workspace', 1: 'Welcome to Tessera', 2: 'What do you want to start with?', 3: 'Your first step' } as const;

// The metadata and the page ask the same question in one request.
const stateOf = cache(onboardingStateFor);

function stepOf(search: Search): 1 | 2 | 3 {
  return search.step === '3' ? 3 : search.step === '2' ? 2 : 1;
}

/** The tab title names the step the page shows, as its heading does. */
export async function generateMetadata({ searchParams }: { searchParams: Promise<Search> }): Promise<Metadata> {
  const [user, search] = await Promise.all([requireUser(), searchParams]);
  const state = await stateOf(user.id);
  const step = stepOf(search);
  return { title: state.onboarded ? TITLES.create : TITLES[step > 1 && search.w ? step : 1] };
}

export default async function OnboardingPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  const search = await searchParams;
  const state = await stateOf(user.id);

  if (state.onboarded) {
    return (
      <div className="space-y-6">
        <PageHeader title={TITLES.create} description="A separate space with its own members, products and settings. You'll be its owner." />
        <Card>
          <CardContent>
            <CreateWorkspaceForm
              action={createWorkspaceAction}
              zones={timeZones()}
              currencies={currencyChoices()}
              defaults={{ timezone: state.timezone, currency: state.currency }}
            />
          </CardContent>
        </Card>
      </div>
    );
  }

  const step = stepOf(search);
  // Steps 2 and 3 belong to the workspace made in step 1; a missing or foreign one starts over.
  const workspace = step > 1 && search.w ? (await requireWorkspacePage(search.w)).workspace : null;

  if (!workspace) {
    return (
      <div className="space-y-6">
        <PageHeader label={LABEL} title={TITLES[1]} description="Two quick details, then your first workspace is ready." tabs={<OnboardingSteps current={1} />} />
        <Card>
          <CardContent className="space-y-6">
            <ProfileStepForm
              action={startOnboardingAction}
              zones={timeZones()}
              currencies={currencyChoices()}
              defaults={{ profileName: state.name ?? '', timezone: state.timezone, currency: state.currency }}
            />
            {state.workspaceCount > 0 ? <SkipOnboardingForm action={skipOnboardingAction} /> : null}
          </CardContent>
        </Card>
      </div>
    );
  }

  const chosen = parseProductChoice(search.products);
  if (step === 2) {
    return (
      <div className="space-y-6">
        <PageHeader
          label={LABEL}
          title={TITLES[2]}
          description="Pick any. Every product stays available; this only sets what we show you first."
          tabs={<OnboardingSteps current={2} />}
        />
        <Card>
          <CardContent>
            <ProductChoiceForm workspace={workspace.slug} chosen={chosen} />
          </CardContent>
        </Card>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <PageHeader
        label={LABEL}
        title={TITLES[3]}
        description={`${workspace.name} is ready. Start with one of these, or look around first.`}
        tabs={<OnboardingSteps current={3} />}
      />
      <Card>
        <CardContent>
          <FirstSteps workspace={workspace.slug} products={orderProducts(chosen)} chosen={chosen} action={finishOnboardingAction} />
        </CardContent>
      </Card>
    </div>
  );
}
