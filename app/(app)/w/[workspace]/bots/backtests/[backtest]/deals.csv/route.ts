import { z } from 'zod';
import { NextResponse } from 'next/server';
import { requireWorkspacePage } from '@/lib/actions/workspace-page';
import { getBacktest } from '@/lib/bots/backtest/backtests';
import { backtestDealsCsv } from '@/lib/bots/backtest/csv';
import { errorBody } from '@/lib/errors/app-error';

/** GET …/bots/backtests/<id>/deals.csv — a backtest's deals as CSV. */
export async function GET(_request: Request, { params }: { params: Promise<{ workspace: string; backtest: string }> }) {
  const { workspace, backtest: id } = await params;
  const page = await requireWorkspacePage(workspace);
  const backtest = z.uuid().safeParse(id).success ? await page.read((tx) => getBacktest(tx, id)) : null;
  if (!backtest) return NextResponse.json(errorBody('not_found', 'That backtest does not exist.'), { status: 404 });
  const file = backtestDealsCsv(backtest);
  return new NextResponse(file.csv, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${file.filename}"`, 'cache-control': 'no-store' },
  });
}
