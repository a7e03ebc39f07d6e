import { Inject, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/env';
import { hasCouncilRole, type Principal } from '../common/principal';
import { DomainError, forbidden, type FieldIssue } from '../common/domain-error';
import { PROBLEM_TEXT, textProblem } from '../common/validation';
import { MeetingsService } from '../meetings/meetings.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { CouncilsService } from '../councils/councils.service';
import { PeopleService } from '../people/people.service';
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
    private readonly organizations: OrganizationsService,
    private readonly people: PeopleService,
    private readonly councils: CouncilsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async import(caller: Principal, meetingId: string, file: { buffer: Buffer; filename: string }) {
    const { meeting, bodies, errors } = await this.check(caller, meetingId, file);
    if (errors.length) throw reject(errors);
    const ctx = await this.resolutions.context(meeting.councilId);
    const created = await this.db.transaction((m) => this.resolutions.insertMany(m, caller, meeting, null, bodies, ctx.council.timezone));
    return { created: created.length, errors: [], items: created.map((r) => ({ id: r.id, number: r.number, title: r.title })) };
  }

  /**
   * Checks the file exactly as `import` would and saves nothing (`?dryRun=true`): the console shows the
   * row-by-row errors before a secretary commits. Problems are answered with 200 here, since nothing
   * was refused; `valid` says whether the same file would be imported.
   */
  async dryRun(caller: Principal, meetingId: string, file: { buffer: Buffer; filename: string }) {
    try {
      const { rows, errors } = await this.check(caller, meetingId, file);
      const preview = rows.map(({ row, cells }) => ({ row, cells }));
      return { dryRun: true, valid: errors.length === 0, rows: rows.length, created: 0, errors, preview };
    } catch (err) {
      // A file that cannot be read at all: the same answer shape, with its one file-level problem.
      if (err instanceof DomainError && err.code === 'IMPORT_REJECTED') {
        const errors = (err.extra?.errors ?? []) as FieldIssue[];
        return { dryRun: true, valid: false, rows: 0, created: 0, errors, preview: [] };
      }
      throw err;
    }
  }

  /** Reads and validates every row; the bodies are ready for insertMany when `errors` is empty. */
  private async check(caller: Principal, meetingId: string, file: { buffer: Buffer; filename: string }) {
    const meeting = await this.meetings.get(caller, meetingId);
    if (!hasCouncilRole(caller, meeting.councilId, 'secretary'))
      throw forbidden('RESOLUTION_SECRETARY_ONLY', 'only a secretary of the council may import decisions');
    let rows: ImportRow[];
    try {
      rows = await readImportFile(file.buffer, file.filename, { maxRows: MAX_ROWS, maxInflatedBytes: this.config.importMaxInflatedBytes });
    } catch (err) {
      if (err instanceof ImportFileError) throw reject([{ row: 0, field: 'file', message: err.message }]);
      throw err;
    }
    if (rows.length === 0) throw reject([{ row: 0, field: 'file', message: 'the file has no decision rows' }]);

    const lookup = await this.directoryLookup(meeting.councilId);
    const errors: FieldIssue[] = [];
    const bodies: RegisterResolutionDto[] = [];
    for (const { row, cells, unreadable } of rows) {
      const rowErrors: FieldIssue[] = unreadable.map((field) => ({
        row,
        field,
        message: `${field}: the cell holds a date outside the calendar`,
      }));
      const ref = (field: string, text: string | undefined, names: NameIndex, what: string) => {
        if (!text) return undefined;
        const id = names.ids.get(text);
        if (!id) {
          const problem = names.ambiguous.has(text)
            ? `several ${what}s are named "${text}"; use the ${what === 'person' ? 'username or ' : ''}id`
            : `no ${what} named "${text}"${what === 'person' ? ' among the people of this council (or give the username)' : ''}`;
          rowErrors.push({ row, field, message: `${field}: ${problem}` });
        } else if (!lookup.isMember(what, id)) {
          const problem =
            what === 'person' ? 'does not work in a member organization of this council' : 'is not a member organization of this council';
          rowErrors.push({ row, field, message: `${field}: "${text}" ${problem}` });
          return undefined;
        }
        return id;
      };
      // An owner is named by id or username (unique by construction), or by a name only when exactly one of
      // the council's people bears it: anyone can rename themselves, so a name never reaches outside the council.
      const owner = (text: string | undefined) => {
        if (!text) return undefined;
        const exact = lookup.people.exact.get(text);
        return exact
          ? ref('owner', text, { ids: new Map([[text, exact]]), ambiguous: new Set() }, 'person')
          : ref('owner', text, lookup.people.byName, 'person');
      };
      for (const [field, text] of Object.entries(cells)) {
        const problem = textProblem(text);
        if (problem) rowErrors.push({ row, field, message: `${field} ${PROBLEM_TEXT[problem]}` });
      }
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
        ownerId: owner(cells.owner),
        dueAt: cells.dueAt,
      };
      const dto = plainToInstance(RegisterResolutionDto, Object.fromEntries(Object.entries(plain).filter(([, v]) => v !== undefined)));
      // One entry per bad cell: a missing title is "required", not three messages about its length.
      for (const e of await validate(dto, { whitelist: true, forbidNonWhitelisted: true })) {
        const missing = (plain as Record<string, unknown>)[e.property] === undefined;
        rowErrors.push({
          row,
          field: e.property,
          message: missing ? `${e.property} is required` : Object.values(e.constraints ?? {}).join('; '),
        });
      }
      // As registration one by one refuses it (assertLeadNotCoHandler): the lead unit is not also a co-handler.
      if (dto.leadOrganizationId && dto.coOrganizationIds?.includes(dto.leadOrganizationId)) {
        rowErrors.push({ row, field: 'coOrganizations', message: 'coOrganizations: must not include the lead organization' });
      }
      errors.push(...rowErrors);
      bodies.push(dto);
    }
    return { meeting, rows, bodies, errors };
  }

  /**
   * Names and ids → ids. Organizations by id or name (unique among all); people by id or username,
   * or by name among the people of the council's member organizations. Ambiguous names are left out
   * and reported as such; `isMember` says whether a resolved id belongs to the council.
   */
  private async directoryLookup(councilId: string) {
    const members = new Set(await this.councils.memberOrganizationIds(councilId));
    const orgs = await this.organizations.listNames();
    const people = await this.people.listNames();
    const organizations = uniqueMap(
      orgs.flatMap(
        (o) =>
          [
            [o.id, o.id],
            [o.name, o.id],
          ] as [string, string][],
      ),
    );
    const personOrg = new Map(people.map((p) => [p.id, p.organizationId]));
    const exact = new Map<string, string>(
      people.flatMap((p) => [[p.id, p.id] as [string, string], [p.username, p.id] as [string, string]]),
    );
    const byName = uniqueMap(people.filter((p) => members.has(p.organizationId)).map((p) => [p.name, p.id] as [string, string]));
    const isMember = (what: string, id: string) => members.has((what === 'person' ? personOrg.get(id) : id) ?? '');
    return { organizations, people: { exact, byName }, isMember };
  }
}

interface NameIndex {
  ids: Map<string, string>;
  ambiguous: Set<string>;
}

function uniqueMap(pairs: [string, string][]): NameIndex {
  const ids = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const [k, v] of pairs) {
    if (ids.has(k) && ids.get(k) !== v) ambiguous.add(k);
    ids.set(k, v);
  }
  for (const k of ambiguous) ids.delete(k);
  return { ids, ambiguous };
}

function reject(errors: FieldIssue[]): DomainError {
  const message = `import rejected, nothing was created: ${errors.length} problem(s), first: row ${errors[0].row} ${errors[0].message}`;
  return new DomainError('IMPORT_REJECTED', 'invalid', message, errors, { created: 0, errors });
}
