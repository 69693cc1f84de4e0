/**
 * Privacy (GDPR): the workspace data export. Entry points (Settings → Privacy) call these inside
 * their one transaction, after checking the `privacy.export` permission (owners only).
 */
export { exportDownloadUrl, listWorkspaceExports, requestWorkspaceExport, STALE_EXPORT_MS, type PrivacyExport } from './export';
export { EXPORT_TTL_SECONDS, isDownloadable } from './export-links';
export type { ExportManifest, ManifestTable } from './export-manifest';
export { privacyExportWorkflow } from './workflows';
