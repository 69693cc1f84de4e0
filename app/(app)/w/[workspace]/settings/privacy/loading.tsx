import { SettingsListLoading } from '@/components/workspace/settings-loading';

export default function PrivacyLoading() {
  return <SettingsListLoading label="Loading privacy settings" />;
}
