import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/password-rules';

/** A new-password field with the rule stated up front; the server's strength feedback shows as its error. */
export function NewPasswordField({ id = 'password', name = 'password', label = 'Password', error }: { id?: string; name?: string; label?: string; error?: string[] }) {
  return (
    <FormField
      id={id}
      label={label}
      hint={`At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words work well; common passwords are refused.`}
      error={error}
      required
    >
      <Input name={name} type="password" autoComplete="new-password" minLength={PASSWORD_MIN_LENGTH} />
    </FormField>
  );
}
