import { Button } from '@/components/ui/button';
import { TesseraMark } from '@/components/ui/icons';

export function CtaBand() {
  return (
    <section aria-labelledby="cta-title" className="py-20 sm:py-24">
      <div className="mx-auto flex max-w-3xl flex-col items-center px-5 text-center sm:px-6">
        <TesseraMark className="size-12" />
        <h2 id="cta-title" className="mt-6 text-3xl font-semibold tracking-tight text-balance sm:text-4xl">
          Put your money tools in one place
        </h2>
        <p className="mt-4 max-w-xl text-lg leading-relaxed text-muted">
          Create a workspace in under a minute. The free plan has no time limit and needs no card.
        </p>
        <div className="mt-8 flex w-full flex-col justify-center gap-3 sm:w-auto sm:flex-row">
          <Button href="/sign-up" size="lg">
            Start free
          </Button>
          <Button href="/sign-in" size="lg" variant="secondary">
            Sign in
          </Button>
        </div>
      </div>
    </section>
  );
}
