import { execFile } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The dependency rule of `npm run lint` (.dependency-cruiser.cjs) on a copy of src/ in a temporary
 * folder: it passes as the code is, fails on a planted upward import or folder cycle, and passes
 * again once the plant is gone. The working tree is never touched; the copy is removed however the
 * test ends (and lives under the system's temp folder if the process is killed).
 */
const root = join(__dirname, '..', '..');
let copy: string;

function cruise(): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        join(root, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs'),
        'src',
        '--config',
        '.dependency-cruiser.cjs',
        '--output-type',
        'err',
      ],
      { cwd: copy, timeout: 120_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

/** Appends each line to its file (relative to the copy), runs the rule once, then takes every plant out again. */
async function withPlants(plants: Record<string, string>): Promise<{ code: number; output: string }> {
  const originals = Object.keys(plants).map((file) => [join(copy, file), readFileSync(join(copy, file), 'utf8')] as const);
  for (const [file, line] of Object.entries(plants)) appendFileSync(join(copy, file), `\n${line}\n`);
  try {
    return await cruise();
  } finally {
    for (const [path, original] of originals) writeFileSync(path, original);
  }
}

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'duban-dependency-rule-'));
  cpSync(join(root, 'src'), join(copy, 'src'), { recursive: true });
  cpSync(join(root, 'migrations'), join(copy, 'migrations'), { recursive: true });
  for (const file of ['.dependency-cruiser.cjs', 'tsconfig.json', 'package.json']) cpSync(join(root, file), join(copy, file));
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
});

afterAll(() => {
  // Removes the link, never what it points at.
  if (copy) rmSync(copy, { recursive: true, force: true });
});

// Every plant is in a different file and breaks a different rule, so one run of the cruiser sees them
// all (each run takes seconds): the assertions below read that one report.
describe('the dependency rule', () => {
  let planted: { code: number; output: string };
  let after: { code: number; output: string };

  beforeAll(async () => {
    planted = await withPlants({
      'src/common/clock.ts': "import '../resolutions/resolution.entity';",
      'src/councils/councils.service.ts': "import '../resolutions/resolutions.service';",
      'src/database/entities.ts': "import '../councils/council.entity';",
      'src/meetings/meetings.service.ts': "import { Person } from '../people/person.entity';\nexport const planted = Person;",
    });
    after = await cruise();
  });

  it('fails while anything is planted', () => {
    expect(planted.code).not.toBe(0);
  });

  it('fails on an upward import (common/ importing a feature)', () => {
    expect(planted.output).toMatch(/error no-upward-imports: src\/common\/clock\.ts → src\/resolutions\/resolution\.entity\.ts/);
  });

  it('fails on two folders importing each other (councils ↔ resolutions)', () => {
    expect(planted.output).toMatch(/error no-folder-cycles: src\/councils → \s*src\/resolutions →\s*src\/councils/);
  });

  it('fails on database/ importing a feature (the entity list must stay a file pattern)', () => {
    expect(planted.output).toContain('error no-upward-imports-from-database: src/database/entities.ts → src/councils/council.entity.ts');
  });

  it("fails on a feature reading another module's table (a value import of its entity)", () => {
    expect(planted.output).toContain('error no-foreign-tables: src/meetings/meetings.service.ts → src/people/person.entity.ts');
  });

  it('passes on the code as it is once the plants are removed', () => {
    expect(after.output).toContain('no dependency violations found');
    expect(after.code).toBe(0);
  });
});
