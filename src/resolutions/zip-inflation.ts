import { fromBuffer, type Entry, type ZipFile } from 'yauzl';

/**
 * Why an XLSX (a zip) is refused before anything parses it, or null when it may be parsed: its
 * entries' uncompressed sizes, as the zip declares them, add up to more than `maxBytes`; or one
 * inflates to more than it declares (yauzl stops a stream that goes past its declared size, so a
 * lying header cannot smuggle a bomb through). The entries are inflated as streams, chunk by chunk,
 * and thrown away: memory stays small and other requests keep being served meanwhile.
 */
export async function zipInflationProblem(buffer: Buffer, maxBytes: number): Promise<string | null> {
  let zip: ZipFile;
  try {
    zip = await new Promise<ZipFile>((resolve, reject) =>
      fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true }, (err, z) => (err ? reject(err) : resolve(z))),
    );
  } catch (err) {
    return `the XLSX cannot be read: ${(err as Error).message}`;
  }
  const entries: Entry[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: Entry) => {
        entries.push(entry);
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', reject);
      zip.readEntry();
    });
  } catch (err) {
    zip.close();
    return `the XLSX cannot be read: ${(err as Error).message}`;
  }
  const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (declared > maxBytes) {
    zip.close();
    return `the XLSX inflates to ${declared} bytes, more than the ${maxBytes} allowed`;
  }
  try {
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue;
      await drain(zip, entry);
    }
  } catch (err) {
    return `the XLSX cannot be read: ${(err as Error).message}`;
  } finally {
    zip.close();
  }
  return null;
}

function drain(zip: ZipFile, entry: Entry): Promise<void> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(err);
      stream.on('error', reject);
      stream.on('end', () => resolve());
      stream.resume();
    }),
  );
}
