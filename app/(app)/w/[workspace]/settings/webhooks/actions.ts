'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { workspaceAction } from '@/lib/actions/workspace-action';
import { redeliver, sendTestEvent } from '@/lib/webhooks/deliveries';
import { createWebhookEndpoint, deleteWebhookEndpoint, rotateWebhookSecret, updateWebhookEndpoint, type IssuedWebhookSecret } from '@/lib/webhooks/endpoints';
import { createWebhookFormSchema, redeliverWebhookSchema, setWebhookEnabledSchema, updateWebhookFormSchema, webhookEndpointIdSchema } from '@/lib/webhooks/input';

const webhooksPath = (slug: string) => `/w/${slug}/settings/webhooks`;

/** What the browser gets back once: the signing secret, with the endpoint it belongs to. */
export type IssuedSecretResult = { secret: string; endpointId: string; url: string };

const issued = ({ endpoint, secret }: IssuedWebhookSecret): IssuedSecretResult => ({ secret, endpointId: endpoint.id, url: endpoint.url });

const options = { permission: 'webhooks.manage', component: 'webhooks' } as const;

export const createWebhookAction = workspaceAction({ ...options, input: createWebhookFormSchema }, async ({ input, tx, access, meta }) => {
  const created = await createWebhookEndpoint(tx, access.ctx, input, meta);
  revalidatePath(webhooksPath(access.workspace.slug));
  return issued(created);
});

export const updateWebhookAction = workspaceAction({ ...options, input: updateWebhookFormSchema }, async ({ input, tx, access, meta }) => {
  const { endpointId, ...changes } = input;
  await updateWebhookEndpoint(tx, access.ctx, endpointId, changes, meta);
  revalidatePath(webhooksPath(access.workspace.slug), 'layout');
  return null;
});

export const setWebhookEnabledAction = workspaceAction({ ...options, input: setWebhookEnabledSchema }, async ({ input, tx, access, meta }) => {
  await updateWebhookEndpoint(tx, access.ctx, input.endpointId, { enabled: input.enabled }, meta);
  revalidatePath(webhooksPath(access.workspace.slug), 'layout');
  return null;
});

export const rotateWebhookSecretAction = workspaceAction({ ...options, input: webhookEndpointIdSchema }, async ({ input, tx, access, meta }) => {
  const rotated = await rotateWebhookSecret(tx, access.ctx, input.endpointId, meta);
  revalidatePath(webhooksPath(access.workspace.slug), 'layout');
  return issued(rotated);
});

export const sendTestWebhookAction = workspaceAction({ ...options, input: webhookEndpointIdSchema }, async ({ input, tx, access, meta }) => {
  await sendTestEvent(tx, access.ctx, input.endpointId, meta);
  revalidatePath(webhooksPath(access.workspace.slug), 'layout');
  return null;
});

export const redeliverWebhookAction = workspaceAction({ ...options, input: redeliverWebhookSchema }, async ({ input, tx, access, meta }) => {
  await redeliver(tx, access.ctx, input.deliveryId, meta);
  revalidatePath(webhooksPath(access.workspace.slug), 'layout');
  return null;
});

export const deleteWebhookAction = workspaceAction({ ...options, input: webhookEndpointIdSchema }, async ({ input, tx, access, meta }) => {
  await deleteWebhookEndpoint(tx, access.ctx, input.endpointId, meta);
  revalidatePath(webhooksPath(access.workspace.slug));
  redirect(webhooksPath(access.workspace.slug));
});
