import type { Metadata } from 'next';
import { Card, CardContent, CardDescription, CardHeader } from '@/components/ui/card';
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

export const metadata: Metadata = { title: 'Get started' };

type Search = { step?: string; w?: string; products?: string | string[] };

function Heading({ title, text }: { title: string; text: string }) {
  return (
    <CardHeader>
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <CardDescription>{text}</CardDescription>
    </CardHeader>
  );
}

export default async function OnboardingPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  const search = await searchParams;
  const state = await onboardingStateFor(user.id);

  if (state.onboarded) {
    return (
      <Card>
        <Heading title="New workspace" text="A separate space with its own members, products and settings. You'll be its owner." />
        <CardContent>
          <CreateWorkspaceForm
            action={createWorkspaceAction}
            zones={timeZones()}
            currencies={currencyChoices()}
            defaults={{ timezone: state.timezone, currency: state.currency }}
          />
        </CardContent>
      </Card>
    );
  }

  const step = search.step === '3' ? 3 : search.step === '2' ? 2 : 1;
  // Steps 2 and 3 belong to the workspace made in step 1; a missing or foreign one starts over.
  const workspace = step > 1 && search.w ? (await requireWorkspacePage(search.w)).workspace : null;

  if (!workspace) {
    return (
      <div className="space-y-6">
        <OnboardingSteps current={1} />
        <Card>
          <Heading title="Welcome to Tessera" text="Two quick details, then your first workspace is ready." />
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
        <OnboardingSteps current={2} />
        <Card>
          <Heading title="What do you want to start with?" text="Pick any. Every product stays available; this only sets what we show you first." />
          <CardContent>
            <ProductChoiceForm workspace={workspace.slug} chosen={chosen} />
          </CardContent>
        </Card>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <OnboardingSteps current={3} />
      <Card>
        <Heading title="Your first step" text={`${workspace.name} is ready. Start with one of these, or look around first.`} />
        <CardContent>
          <FirstSteps workspace={workspace.slug} products={orderProducts(chosen)} chosen={chosen} action={finishOnboardingAction} />
        </CardContent>
      </Card>
    </div>
  );
}
