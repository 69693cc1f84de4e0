import { AuthSegmentLoading } from '@/components/auth/auth-segment-loading';

export default function SegmentLoading() {
  return <AuthSegmentLoading label="Loading" />;
}
