/**
 * Feeds an XML stream to a saxes parser chunk by chunk, so a large file (a 100,000-unit TMX)
 * is never held as a DOM nor as one string. Every failure is an ImportError naming the line:
 * bytes that are not UTF-8, malformed or truncated XML (saxes checks well-formedness and
 * reports the position), an error thrown by a handler. External entities and DTDs are never
 * fetched (saxes does not read them), so a hostile DOCTYPE costs nothing.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { ImportError } from '../../../shared/src/errors';

export interface XmlHandlers {
  open(tag: SaxesTagPlain, line: number): void;
  text(text: string): void;
  close(name: string, line: number): void;
  /** Awaited after each chunk: where a reader writes out what it has gathered. */
  afterChunk?(): Promise<void>;
}

/** saxes prefixes its messages with "line:column: "; the ImportError says the line itself. */
const bare = (message: string) => message.replace(/^[^:]*:\d+:\d+: /, '');

export async function parseXmlStream(input: AsyncIterable<Buffer | string>, handlers: XmlHandlers): Promise<void> {
  const parser = new SaxesParser({ xmlns: false, position: true });
  let failure: ImportError | null = null;
  parser.on('error', (err) => {
    failure ??= new ImportError(bare(err.message), parser.line);
    throw failure;
  });
  parser.on('opentag', (tag) => handlers.open(tag, parser.line));
  parser.on('text', (text) => handlers.text(text));
  parser.on('cdata', (text) => handlers.text(text));
  parser.on('closetag', (tag) => handlers.close(tag.name, parser.line));
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const run = (step: () => void) => {
    try {
      step();
    } catch (err) {
      if (failure) throw failure;
      if (err instanceof ImportError) throw err;
      if (err instanceof TypeError) throw new ImportError('the file is not UTF-8 text', parser.line);
      throw err;
    }
  };
  for await (const chunk of input) {
    run(() => parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })));
    await handlers.afterChunk?.();
  }
  run(() => {
    parser.write(decoder.decode());
    parser.close();
  });
}
