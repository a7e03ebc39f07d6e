import { DomainError } from './domain-error';

/**
 * Every foreign key and array-reference trigger (migration ForeignKeys), by constraint name → the
 * API field that carries the reference. The database refuses a reference to nothing with SQLSTATE
 * 23503 and the constraint's name; this table turns that into a 400 naming the field the client
 * sent. A test compares it with the constraints the database really has, both ways.
 *
 * Most fields are the column in camelCase; where the API names it otherwise, the entry says so
 * (council members are `memberOrganizationIds`). Council roles hold three API fields in one column
 * (`chairId`, `secretaryIds`, `supervisorIds`): CouncilsService writes each role in its own statement
 * and names the field itself (`namingReferences`); `personId` here is only the fallback.
 */
export const REFERENCE_FIELDS: Readonly<Record<string, string>> = {
  fk_organizations_parent_id: 'parentId',
  fk_organizations_leader_id: 'leaderId',
  fk_people_organization_id: 'organizationId',
  fk_council_roles_council_id: 'councilId',
  fk_council_roles_person_id: 'personId',
  fk_council_members_council_id: 'councilId',
  fk_council_members_organization_id: 'memberOrganizationIds',
  fk_council_channels_council_id: 'councilId',
  fk_meetings_council_id: 'councilId',
  fk_meetings_attendee_ids: 'attendeeIds',
  fk_resolutions_council_id: 'councilId',
  fk_resolutions_meeting_id: 'meetingId',
  fk_resolutions_parent_id: 'parentId',
  fk_resolutions_lead_organization_id: 'leadOrganizationId',
  fk_resolutions_owner_id: 'ownerId',
  fk_resolutions_co_organization_ids: 'coOrganizationIds',
  fk_progress_reports_resolution_id: 'resolutionId',
  fk_progress_reports_author_id: 'authorId',
  fk_extension_requests_resolution_id: 'resolutionId',
  fk_extension_requests_requested_by_id: 'requestedById',
  fk_extension_requests_decided_by_id: 'decidedById',
  fk_supervision_checks_resolution_id: 'resolutionId',
  fk_supervision_checks_council_id: 'councilId',
  fk_supervision_checks_recorded_by_id: 'recordedById',
  fk_supervision_checks_inspector_ids: 'inspectorIds',
  fk_urges_resolution_id: 'resolutionId',
  fk_urges_urged_by_id: 'urgedById',
  fk_events_council_id: 'councilId',
  fk_events_resolution_id: 'resolutionId',
  fk_events_actor_id: 'actorId',
  fk_scheduled_actions_council_id: 'councilId',
  fk_scheduled_actions_resolution_id: 'resolutionId',
  fk_notifications_person_id: 'personId',
  fk_notifications_council_id: 'councilId',
  fk_notifications_resolution_id: 'resolutionId',
  fk_bulletins_council_id: 'councilId',
  fk_bulletins_created_by_id: 'createdById',
  // Deliveries are written by the outbox from rows it has just read, never from ids a client sends.
  fk_deliveries_notification_id: 'notificationId',
  fk_deliveries_channel_id: 'channelId',
  fk_deliveries_recipient_id: 'recipientId',
};

/** What a referenced table's rows are called in a message. */
const NOUNS: Readonly<Record<string, string>> = {
  organizations: 'organization',
  people: 'person',
  councils: 'council',
  meetings: 'meeting',
  resolutions: 'resolution',
};

export interface PgErrorFields {
  code?: string;
  constraint?: string;
  detail?: string;
}

const FOREIGN_KEY_VIOLATION = '23503';

/**
 * The client's error for a foreign key violation (23503), or undefined for any other error. A
 * reference to nothing is a 400 naming the field (`field` when the caller knows better than the
 * table); a referenced row that cannot go (a DELETE, which no endpoint does today) is a 409.
 */
export function referenceError(e: PgErrorFields, field?: string): DomainError | undefined {
  if (e?.code !== FOREIGN_KEY_VIOLATION) return undefined;
  const detail = e.detail ?? '';
  const inUse = /^Key \((\w+)\)=\((.*)\) is still referenced from table "(\w+)"/.exec(detail);
  if (inUse) {
    return new DomainError('RECORD_IN_USE', 'conflict', `this record is still referred to by ${inUse[3]}`, { constraint: e.constraint });
  }
  const missing = /^Key \((\w+)\)=\((.*)\) is not present in table "(\w+)"/.exec(detail);
  const name = field ?? (e.constraint && REFERENCE_FIELDS[e.constraint]) ?? (missing ? camel(missing[1]) : 'body');
  const what = missing ? `an unknown ${NOUNS[missing[3]] ?? 'record'} ${missing[2]}` : 'a record that does not exist';
  const message = `${name} refers to ${what}`;
  return new DomainError('VALIDATION_FAILED', 'invalid', message, [{ field: name, rule: 'exists', message }]);
}

/** Runs a write in which `constraint` carries the API field `field`: a reference to nothing there is a 400 naming it. */
export async function namingReferences<T>(constraint: string, field: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const e = err as PgErrorFields;
    throw (e?.constraint === constraint && referenceError(e, field)) || err;
  }
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
