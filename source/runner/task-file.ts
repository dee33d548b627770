import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Returns the compiled worker entry for a module under `source/`. Worker
 * threads load JavaScript only, so when this code itself runs from the
 * TypeScript sources (under the test runner), the entry comes from `dist/`,
 * which `npm run build` writes.
 */
export function resolveWorkerFile(relativeToSource: string): string {
  const modulePath = fileURLToPath(import.meta.url);
  const sourceRoot = path.resolve(path.dirname(modulePath), '..');

  if (modulePath.endsWith('.ts')) {
    const projectRoot = path.dirname(sourceRoot);

    return path.join(projectRoot, 'dist', 'source', relativeToSource);
  }

  return path.join(sourceRoot, relativeToSource);
}
