import type { FastifyReply } from 'fastify';

export const CONTENT_TYPES = {
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

export type ExportFormat = keyof typeof CONTENT_TYPES;

/**
 * Sets the headers of a downloaded document. The file name is Chinese, so it goes in `filename*`
 * (RFC 6266 / 5987) with an ASCII fallback for old clients.
 */
export function asDownload(reply: FastifyReply, format: Exclude<ExportFormat, 'json'>, baseName: string, asciiName: string): void {
  reply.header('content-type', CONTENT_TYPES[format]);
  const disposition = format === 'html' ? 'inline' : 'attachment';
  reply.header(
    'content-disposition',
    `${disposition}; filename="${asciiName}.${format}"; filename*=UTF-8''${encodeURIComponent(`${baseName}.${format}`)}`,
  );
}
