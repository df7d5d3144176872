/**
 * The body of an import request as a stream, whichever way it came: the raw body
 * (`application/x-tmx+xml`, `text/xml`, `text/csv`…) or the first file of a
 * `multipart/form-data` upload (busboy), with the file name when the client gave one. The
 * stream is capped: past `maxBytes` it fails with 413 and the import writes nothing.
 */
import type { Request } from 'express';
import busboy from 'busboy';
import { PassThrough, type Readable } from 'node:stream';
import { PlenaryError } from '../../../shared/src/errors';

export interface ImportBody {
  stream: AsyncIterable<Buffer>;
  fileName: string | null;
  contentType: string;
}

async function* capped(stream: Readable, maxBytes: number): AsyncIterable<Buffer> {
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      stream.destroy();
      throw new PlenaryError('payload_too_large', `the file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
    }
    yield chunk;
  }
}

function firstFile(req: Request): Promise<{ stream: Readable; fileName: string | null; contentType: string }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1 } });
    } catch (err) {
      reject(new PlenaryError('bad_request', `unreadable multipart body: ${(err as Error).message}`));
      return;
    }
    let found = false;
    parser.on('file', (_field, file, info) => {
      if (found) return file.resume();
      found = true;
      // The rest of the form is drained behind the file; only the file matters.
      const out = new PassThrough();
      file.pipe(out);
      resolve({ stream: out, fileName: info.filename || null, contentType: info.mimeType });
    });
    parser.on('error', (err: Error) => reject(new PlenaryError('bad_request', `unreadable multipart body: ${err.message}`)));
    parser.on('close', () => {
      if (!found) reject(new PlenaryError('bad_request', 'the form holds no file'));
    });
    req.pipe(parser);
  });
}

export async function importBody(req: Request, maxBytes: number): Promise<ImportBody> {
  const contentType = String(req.headers['content-type'] ?? '');
  const named = typeof req.query.name === 'string' && req.query.name.trim() ? req.query.name.trim().slice(0, 200) : null;
  if (contentType.toLowerCase().startsWith('multipart/form-data')) {
    const file = await firstFile(req);
    return { stream: capped(file.stream, maxBytes), fileName: file.fileName ?? named, contentType: file.contentType };
  }
  return { stream: capped(req, maxBytes), fileName: named, contentType };
}
