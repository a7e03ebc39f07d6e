import { PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ORGANIZATION_KINDS, type OrganizationKind } from './organization.entity';

export class CreateOrganizationDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @IsIn(ORGANIZATION_KINDS)
  kind: OrganizationKind;

  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  @IsOptional()
  @IsUUID()
  leaderId?: string | null;
}

/** `null` clears parentId or leaderId; name and kind cannot be cleared. */
export class UpdateOrganizationDto extends PartialType(CreateOrganizationDto, { skipNullProperties: false }) {}
