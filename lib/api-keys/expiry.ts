// Client-safe: the create form's expiry choices (lib/api-keys/input.ts validates them).
export const EXPIRY_CHOICES = ['never', '30', '90', '365', 'custom'] as const;
export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number];
export const EXPIRY_LABELS: Record<ExpiryChoice, string> = {
  never: 'Never',
  '30': 'In 30 days',
  '90': 'In 90 days',
  '365': 'In a year',
  custom: 'On a date…',
};
