import { NextResponse } from 'next/server';
import { exportWorkspaceAudit } from '@/lib/audit/export';
import { parseAuditFilter } from '@/lib/audit/filters';
import { requireWorkspacePage } from '@/lib/actions/workspace-page';
import { AppError, errorBody } from '@/lib/errors/app-error';

/** GET …/settings/audit/export?action=&actor=&from=&to= — the filtered audit log as CSV (Team and up). */
export async function GET(request: Request, { params }: { params: Promise<{ workspace: string }> }) {
  // A non-member or a role without audit.read gets the same 404 as the page.
  const page = await requireWorkspacePage((await params).workspace, 'audit.read');
  try {
    const file = await exportWorkspaceAudit(page, parseAuditFilter(Object.fromEntries(new URL(request.url).searchParams)));
    return new NextResponse(file.csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${file.filename}"`,
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    if (error instanceof AppError) return NextResponse.json(errorBody(error.code, error.message), { status: error.status });
    throw error;
  }
}
