import { ApiProperty } from '@nestjs/swagger';
import { ApiId, ApiInstant } from '../common/openapi';
import { ORGANIZATION_KINDS } from './organization.entity';

export class OrganizationResponse {
  @ApiId()
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ORGANIZATION_KINDS })
  kind: string;

  @ApiId({ nullable: true })
  parentId: string | null;

  @ApiId({ nullable: true })
  leaderId: string | null;

  @ApiInstant()
  createdAt: Date;

  @ApiInstant()
  updatedAt: Date;
}
