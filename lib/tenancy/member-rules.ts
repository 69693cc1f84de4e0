import type { WorkspaceRole } from '@/db/tenant';
import { AppError } from '@/lib/errors/app-error';
import { can } from './permissions';

// Rules that depend on who is acted on, not only on who acts. Pure: the callers pass rows they
// locked `for update`, so the owner count can't change between this check and the write.

export type MemberRow = { userId: string; role: WorkspaceRole };

export function ownerCount(members: readonly MemberRow[]): number {
  return members.filter((m) => m.role === 'owner').length;
}

const LAST_OWNER = 'A workspace needs at least one owner. Transfer ownership to another member first.';

function forbidden(message: string): never {
  throw new AppError('forbidden', message);
}

/** Throws unless `actor` may move `target` to `nextRole`. */
export function assertRoleChangeAllowed(actor: MemberRow, target: MemberRow, nextRole: WorkspaceRole, members: readonly MemberRow[]): void {
  if (!can(actor.role, 'members.manage')) forbidden('Your role in this workspace does not allow that.');
  if ((target.role === 'owner' || nextRole === 'owner') && !can(actor.role, 'members.manage_owners')) {
    forbidden('Only owners can grant or revoke the owner role.');
  }
  if (target.role === 'owner' && nextRole !== 'owner' && ownerCount(members) <= 1) forbidden(LAST_OWNER);
}

/** Throws unless `actor` may remove `target` (leaving is a separate rule). */
export function assertRemovalAllowed(actor: MemberRow, target: MemberRow, members: readonly MemberRow[]): void {
  if (!can(actor.role, 'members.manage')) forbidden('Your role in this workspace does not allow that.');
  if (actor.userId === target.userId) throw new AppError('bad_request', 'To remove yourself, use “Leave workspace”.');
  if (target.role === 'owner' && !can(actor.role, 'members.manage_owners')) forbidden('Only owners can remove an owner.');
  if (target.role === 'owner' && ownerCount(members) <= 1) forbidden(LAST_OWNER);
}

export function assertLeaveAllowed(self: MemberRow, members: readonly MemberRow[]): void {
  if (self.role === 'owner' && ownerCount(members) <= 1) {
    forbidden('You are the last owner. Transfer ownership to another member, or delete the workspace.');
  }
}

export function assertTransferAllowed(actor: MemberRow, target: MemberRow): void {
  if (actor.role !== 'owner') forbidden('Only an owner can transfer ownership.');
  if (actor.userId === target.userId) throw new AppError('bad_request', 'Choose another member to become the owner.');
  if (target.role === 'owner') throw new AppError('conflict', 'That member is already an owner.');
}

/** Owners may invite owners; admins only up to admin. */
export function assertInviteRoleAllowed(actorRole: WorkspaceRole, role: WorkspaceRole): void {
  if (role === 'owner' && !can(actorRole, 'members.manage_owners')) forbidden('Only owners can invite an owner.');
}
