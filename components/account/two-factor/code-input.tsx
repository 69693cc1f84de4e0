import { Input, type InputProps } from '@/components/ui/input';

/**
 * The authenticator code field: numeric keypad on phones and one-time-code autofill. With
 * `allowRecovery` it also takes a recovery code (letters), so no digits-only pattern then.
 */
export function CodeInput({ allowRecovery = false, ...props }: InputProps & { allowRecovery?: boolean }) {
  return (
    <Input
      name="code"
      autoComplete="one-time-code"
      inputMode={allowRecovery ? 'text' : 'numeric'}
      autoCapitalize="off"
      autoCorrect="off"
      spellCheck={false}
      maxLength={allowRecovery ? 32 : 7}
      className="font-mono tracking-widest"
      {...props}
    />
  );
}
