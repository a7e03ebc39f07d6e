import { AuditEvent } from '../audit/event.entity';
import { CalendarDay } from '../calendars/calendar-day.entity';
import { CouncilChannel } from '../councils/council-channel.entity';
import { CouncilMember, CouncilRole } from '../councils/council-role.entity';
import { Council } from '../councils/council.entity';
import { Meeting } from '../meetings/meeting.entity';
import { Delivery } from '../notifications/delivery/delivery.entity';
import { Notification } from '../notifications/notification.entity';
import { Organization } from '../organizations/organization.entity';
import { Person } from '../people/person.entity';
import { ScheduledAction } from '../reminders/scheduled-action.entity';
import { ExtensionRequest } from '../resolutions/extension-request.entity';
import { ProgressReport } from '../resolutions/progress-report.entity';
import { Resolution } from '../resolutions/resolution.entity';
import { SupervisionCheck } from '../resolutions/supervision-check.entity';
import { Urge } from '../resolutions/urge.entity';

/** Every entity, listed once for the app and the TypeORM CLI. */
export const ENTITIES = [
  Organization,
  Person,
  Council,
  CouncilRole,
  CouncilMember,
  CouncilChannel,
  Meeting,
  Resolution,
  ProgressReport,
  ExtensionRequest,
  SupervisionCheck,
  Urge,
  AuditEvent,
  CalendarDay,
  ScheduledAction,
  Notification,
  Delivery,
];
