import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseRecord, oneOf } from '../database/entity-columns';

export const ORGANIZATION_KINDS = [
  'party_committee',
  'party_branch',
  'working_committee',
  'subdistrict_office',
  'management_committee',
  'government',
  'company',
  'other',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

@Entity('organizations')
@Check('organizations_kind_check', oneOf('kind', ORGANIZATION_KINDS))
export class Organization extends BaseRecord {
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: OrganizationKind;

  @ForeignKey('organizations', { name: 'fk_organizations_parent_id', onDelete: 'RESTRICT' })
  @Index('organizations_parent_idx')
  @Column({ type: 'uuid', name: 'parent_id', nullable: true })
  parentId: string | null;

  @ForeignKey('people', { name: 'fk_organizations_leader_id', onDelete: 'RESTRICT' })
  @Index('organizations_leader_idx')
  @Column({ type: 'uuid', name: 'leader_id', nullable: true })
  leaderId: string | null;
}
