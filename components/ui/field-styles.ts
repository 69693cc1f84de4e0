// Shared by input, textarea and select so every control has the same height, border and invalid look.
// The focus outline is opaque: at 40% it reached only ~2:1 against the page (WCAG 2.1 asks 3:1).
export const controlClasses =
  'block w-full rounded-lg border border-border-strong bg-surface px-3 text-sm text-foreground shadow-card ' +
  'placeholder:text-subtle transition-colors ' +
  'hover:border-subtle focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring ' +
  'disabled:cursor-not-allowed disabled:bg-surface-muted disabled:text-muted ' +
  'aria-invalid:border-danger aria-invalid:focus-visible:outline-danger';
