import { Inject, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource } from 'typeorm';
import { hasCouncilRole, type Principal } from '../auth/principal';
import { DomainError, forbidden, type FieldIssue } from '../common/domain-error';
import { MeetingsService } from '../meetings/meetings.service';
import { Organization } from '../organizations/organization.entity';
import { Person } from '../people/person.entity';
import { ImportFileError, readImportFile, type ImportRow } from './import-rows';
import { RegisterResolutionDto } from './resolution.dto';
import { ResolutionsService } from './resolutions.service';

const PRIORITY_WORDS: Record<string, string> = { 一般: 'normal', 普通: 'normal', 重要: 'high', 高: 'high', 紧急: 'urgent', 急: 'urgent' };
const MAX_ROWS = 20_000;

/** Registers a whole list of decisions from the minutes: all rows or none. */
@Injectable()
export class ResolutionImportService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly meetings: MeetingsService,
    private readonly resolutions: ResolutionsService,
  ) {}

  async import(caller: Principal, meetingId: string, file: { buffer: Buffer; filename: string }) {
    const meeting = await this.meetings.get(caller, meetingId);
    if (!hasCouncilRole(caller, meeting.councilId, 'secretary')) throw forbidden('RESOLUTION_SECRETARY_ONLY', 'only a secretary of the council may import decisions');
    let rows: ImportRow[];
    try {
      rows = await readImportFile(file.buffer, file.filename);
    } catch (err) {
      if (err instanceof ImportFileError) throw reject([{ row: 0, field: 'file', message: err.message }]);
      throw err;
    }
    if (rows.length === 0) throw reject([{ row: 0, field: 'file', message: 'the file has no decision rows' }]);
    if (rows.length > MAX_ROWS) throw reject([{ row: 0, field: 'file', message: `at most ${MAX_ROWS} rows per file` }]);

    const lookup = await this.directoryLookup();
    const errors: FieldIssue[] = [];
    const bodies: RegisterResolutionDto[] = [];
    for (const { row, cells } of rows) {
      const rowErrors: FieldIssue[] = [];
      const ref = (field: string, text: string | undefined, map: Map<string, string>, what: string) => {
        if (!text) return undefined;
        const id = map.get(text);
        if (!id) rowErrors.push({ row, field, message: `${field}: no ${what} named "${text}"` });
        return id;
      };
      const plain = {
        title: cells.title,
        description: cells.description,
        category: cells.category,
        priority: cells.priority ? (PRIORITY_WORDS[cells.priority] ?? cells.priority.toLowerCase()) : undefined,
        leadOrganizationId: ref('leadOrganization', cells.leadOrganization, lookup.organizations, 'organization'),
        coOrganizationIds: cells.coOrganizations
          ?.split(/[;；,，、]/)
          .map((s) => s.trim())
          .filter(Boolean)
          .map((name) => ref('coOrganizations', name, lookup.organizations, 'organization'))
          .filter((x): x is string => !!x),
        ownerId: ref('owner', cells.owner, lookup.people, 'person'),
        dueAt: cells.dueAt,
      };
      const dto = plainToInstance(RegisterResolutionDto, Object.fromEntries(Object.entries(plain).filter(([, v]) => v !== undefined)));
      for (const e of await validate(dto, { whitelist: true, forbidNonWhitelisted: true })) {
        for (const message of Object.values(e.constraints ?? {})) rowErrors.push({ row, field: e.property, message });
      }
      errors.push(...rowErrors);
      bodies.push(dto);
    }
    if (errors.length) throw reject(errors);
    const ctx = await this.resolutions.context(meeting.councilId);
    const created = await this.db.transaction((m) => this.resolutions.insertMany(m, caller, meeting, null, bodies, ctx.council.timezone));
    return { created: created.length, errors: [], items: created.map((r) => ({ id: r.id, number: r.number, title: r.title })) };
  }

  /** Names (and ids, and usernames) → ids; an ambiguous name is left out so it reports as unknown. */
  private async directoryLookup() {
    const orgs = await this.db.getRepository(Organization).find({ select: { id: true, name: true } });
    const people = await this.db.getRepository(Person).find({ select: { id: true, name: true, username: true } });
    const organizations = uniqueMap(orgs.flatMap((o) => [[o.id, o.id], [o.name, o.id]] as [string, string][]));
    const persons = uniqueMap(people.flatMap((p) => [[p.id, p.id], [p.username, p.id], [p.name, p.id]] as [string, string][]));
    return { organizations, people: persons };
  }
}

function uniqueMap(pairs: [string, string][]): Map<string, string> {
  const map = new Map<string, string>();
  const clash = new Set<string>();
  for (const [k, v] of pairs) {
    if (map.has(k) && map.get(k) !== v) clash.add(k);
    map.set(k, v);
  }
  for (const k of clash) map.delete(k);
  return map;
}

function reject(errors: FieldIssue[]): DomainError {
  const message = `import rejected, nothing was created: ${errors.length} problem(s), first: row ${errors[0].row} ${errors[0].message}`;
  return new DomainError('IMPORT_REJECTED', 'invalid', message, errors, { created: 0, errors });
}
