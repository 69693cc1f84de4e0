// Shared by input, textarea and select so every control has the same height, border and invalid look.
export const controlClasses =
  'block w-full rounded-lg border border-border-strong bg-surface px-3 text-sm text-foreground shadow-card ' +
  'placeholder:text-subtle transition-colors ' +
  'hover:border-subtle focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring/40 ' +
  'disabled:cursor-not-allowed disabled:bg-surface-muted disabled:text-muted ' +
  'aria-invalid:border-danger aria-invalid:focus-visible:outline-danger/40';
