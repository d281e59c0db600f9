/**
 * Atomic file writes: write a temporary file beside the target, flush it, then rename it
 * over the target. A reader (or a run resumed after `kill -9`) sees the old file or the new
 * one, never a torn one.
 *
 * @module
 */

let counter = 0;

/**
 * Writes `data` to `path` atomically.
 *
 * @example
 * ```ts
 * import { writeFileAtomic } from "./atomic_write.ts";
 * const dir = await Deno.makeTempDir();
 * await writeFileAtomic(`${dir}/a.txt`, "hello");
 * if (await Deno.readTextFile(`${dir}/a.txt`) !== "hello") throw new Error("not written");
 * ```
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.${Deno.pid}.${counter++}.tmp`;
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const file = await Deno.open(tmp, { write: true, create: true, truncate: true });
  try {
    let written = 0;
    while (written < bytes.byteLength) written += await file.write(bytes.subarray(written));
    await file.sync();
  } catch (e) {
    file.close();
    await Deno.remove(tmp).catch(() => {});
    throw e;
  }
  file.close();
  await Deno.rename(tmp, path);
}

/**
 * Synchronous variant of {@linkcode writeFileAtomic}, for signal handlers and exit paths.
 *
 * @example
 * ```ts
 * import { writeFileAtomicSync } from "./atomic_write.ts";
 * const dir = Deno.makeTempDirSync();
 * writeFileAtomicSync(`${dir}/b.txt`, "x");
 * if (Deno.readTextFileSync(`${dir}/b.txt`) !== "x") throw new Error("not written");
 * ```
 */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.${Deno.pid}.${counter++}.tmp`;
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const file = Deno.openSync(tmp, { write: true, create: true, truncate: true });
  try {
    let written = 0;
    while (written < bytes.byteLength) written += file.writeSync(bytes.subarray(written));
    file.syncSync();
  } catch (e) {
    file.close();
    try {
      Deno.removeSync(tmp);
    } catch { /* the temp file may not exist */ }
    throw e;
  }
  file.close();
  Deno.renameSync(tmp, path);
}
