import { SettingsListLoading } from '@/components/workspace/settings-loading';

export default function ApiKeysLoading() {
  return <SettingsListLoading label="Loading API keys" />;
}
