import { SettingsListLoading } from '@/components/workspace/settings-loading';

export default function WebhooksLoading() {
  return <SettingsListLoading label="Loading webhooks" />;
}
