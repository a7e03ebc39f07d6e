import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COUNCIL_ROLES } from '../common/principal';
import { ApiId, ApiIds, ApiInstant } from '../common/openapi';

/** A person as the API shows them: never the password hash or the calendar token. */
export class PersonResponse {
  @ApiId()
  id: string;

  @ApiProperty()
  username: string;

  @ApiProperty()
  name: string;

  @ApiId()
  organizationId: string;

  @ApiProperty({ type: String, nullable: true })
  title: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'null when withheld from the caller (`contactHidden`)' })
  email: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'null when withheld from the caller' })
  phone: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'null when withheld from the caller' })
  dingtalkUserId: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'null when withheld from the caller' })
  wecomUserId: string | null;

  @ApiProperty({ description: 'True when email, phone and IM ids are withheld from this caller (they read null)' })
  contactHidden: boolean;

  @ApiProperty()
  isAdmin: boolean;

  @ApiInstant({ nullable: true, description: 'Set while the account is disabled' })
  disabledAt: Date | null;

  @ApiInstant()
  createdAt: Date;

  @ApiInstant()
  updatedAt: Date;
}

export class CouncilRolesResponse {
  @ApiId()
  councilId: string;

  @ApiProperty({ enum: COUNCIL_ROLES, isArray: true })
  roles: string[];
}

/** `GET /auth/me`: the caller, the units they lead and their roles in each council. */
export class MeResponse extends PersonResponse {
  @ApiIds({ description: 'The organizations the caller leads' })
  ledOrganizationIds: string[];

  @ApiProperty({ type: CouncilRolesResponse, isArray: true })
  councilRoles: CouncilRolesResponse[];
}

export class ChannelPreferencesResponse {
  @ApiProperty({ description: 'The inbox: always true' })
  inApp: boolean;

  @ApiProperty()
  email: boolean;

  @ApiProperty({ description: 'Whether DingTalk robots may @-mention the person' })
  dingtalk: boolean;

  @ApiProperty()
  wecom: boolean;

  @ApiProperty()
  feishu: boolean;

  @ApiProperty()
  webhook: boolean;
}

export class QuietHoursResponse {
  @ApiProperty({ example: '22:00' })
  start: string;

  @ApiProperty({ example: '07:30' })
  end: string;
}

export class DigestResponse {
  @ApiProperty({ example: '08:30', description: 'Local time (the council’s zone) of the daily digest e-mail' })
  at: string;
}

/** A person's notification preferences; an absent key means "the default". */
export class PreferencesResponse {
  @ApiProperty({ type: ChannelPreferencesResponse })
  channels: ChannelPreferencesResponse;

  @ApiPropertyOptional({ type: QuietHoursResponse, nullable: true, description: 'null: off for this person; absent: the council’s' })
  quietHours?: QuietHoursResponse | null;

  @ApiPropertyOptional({ description: 'Level-3 escalations and urges come through quiet hours (absent: true)' })
  urgentBypass?: boolean;

  @ApiPropertyOptional({ type: DigestResponse, nullable: true, description: 'null or absent: no digest' })
  digest?: DigestResponse | null;

  @ApiPropertyOptional({ enum: ['zh-CN', 'en'], description: 'The language of outward messages (absent: zh-CN)' })
  locale?: string;
}

export class CalendarTokenResponse {
  @ApiProperty({ description: 'The secret for `GET /people/:id/calendar.ics?token=`' })
  token: string;
}
