import type { ActivityItem } from '@/components/dashboard/recent-activity';
import type { ProductCardData } from '@/components/dashboard/product-card';

export const equity = [
  { label: 'Jan', value: 12400 },
  { label: 'Feb', value: 12950 },
  { label: 'Mar', value: 12100 },
  { label: 'Apr', value: 13300 },
  { label: 'May', value: 14020 },
  { label: 'Jun', value: 13710 },
  { label: 'Jul', value: 14880 },
  { label: 'Aug', value: 15420 },
  { label: 'Sep', value: 15090 },
  { label: 'Oct', value: 16230 },
  { label: 'Nov', value: 16980 },
  { label: 'Dec', value: 17450 },
];

export const dailyPnl = [
  { label: 'Mon', value: 120 },
  { label: 'Tue', value: -80 },
  { label: 'Wed', value: 260 },
  { label: 'Thu', value: 45 },
  { label: 'Fri', value: -150 },
  { label: 'Sat', value: 310 },
  { label: 'Sun', value: 90 },
];

export const productCards: ProductCardData[] = [
  {
    product: 'bots',
    kpi: { label: 'Paper P&L, 30 days', value: '+$1,284.20', delta: { value: '+6.4%', trend: 'up', label: 'vs previous 30 days' } },
    items: [
      { id: 'b1', title: 'BTC/USDT ladder', badge: { label: 'Running', tone: 'success' }, meta: '+2.1%' },
      { id: 'b2', title: 'ETH/USDT martingale', badge: { label: 'Paper', tone: 'info' }, meta: '−0.4%' },
    ],
  },
  {
    product: 'journal',
    kpi: { label: 'Win rate, last 50 trades', value: '58%', delta: { value: '−3 pts', trend: 'down', label: 'vs prior 50' } },
    items: [
      { id: 'j1', title: 'NVDA breakout long', meta: '+1.8R' },
      { id: 'j2', title: 'ES opening fade', meta: '−1.0R' },
    ],
  },
  {
    product: 'money',
    kpi: { label: 'Spent this month', value: '$3,420', delta: { value: '+$210', trend: 'up', sentiment: 'negative', label: 'vs October' } },
    items: [{ id: 'm1', title: 'Groceries budget', badge: { label: '92% used', tone: 'warning' } }],
  },
  { product: 'pricing', kpi: null, items: [] },
];

const now = Date.UTC(2026, 10, 21, 9, 30);
export const activity: ActivityItem[] = [
  { id: 'a1', product: 'bots', actorName: null, summary: 'filled safety order 2 on BTC/USDT ladder at $91,240', at: new Date(now - 15 * 60_000) },
  { id: 'a2', product: 'pricing', actorName: 'Ada Okafor', actorEmail: 'ada@example.com', summary: 'approved 12 price changes', at: new Date(now - 2 * 3_600_000) },
  { id: 'a3', product: 'money', actorName: 'Tunde Okafor', actorEmail: 'tunde@example.com', summary: 'imported October.csv (214 transactions)', at: new Date(now - 26 * 3_600_000) },
  { id: 'a4', product: 'workspace', actorName: 'Ada Okafor', actorEmail: 'ada@example.com', summary: 'invited sam@example.com as a viewer', at: new Date(now - 50 * 3_600_000) },
];
