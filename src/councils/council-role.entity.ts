import { Check, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { COUNCIL_ROLES, type CouncilRoleName } from '../common/principal';
import { oneOf } from '../database/entity-columns';

export { COUNCIL_ROLES, type CouncilRoleName };

/** Who holds which role in a council; a person may hold several. */
@Entity('council_roles')
@Check('council_roles_role_check', oneOf('role', COUNCIL_ROLES))
@Index('council_roles_person_idx', ['personId'])
export class CouncilRole {
  @ForeignKey('councils', { name: 'fk_council_roles_council_id', onDelete: 'RESTRICT' })
  @PrimaryColumn({ type: 'uuid', name: 'council_id' })
  councilId: string;

  @ForeignKey('people', { name: 'fk_council_roles_person_id', onDelete: 'RESTRICT' })
  @PrimaryColumn({ type: 'uuid', name: 'person_id' })
  personId: string;

  @PrimaryColumn({ type: 'text' })
  role: CouncilRoleName;
}

/** The organizations that form a council. */
@Entity('council_members')
@Index('council_members_organization_idx', ['organizationId'])
export class CouncilMember {
  @ForeignKey('councils', { name: 'fk_council_members_council_id', onDelete: 'RESTRICT' })
  @PrimaryColumn({ type: 'uuid', name: 'council_id' })
  councilId: string;

  @ForeignKey('organizations', { name: 'fk_council_members_organization_id', onDelete: 'RESTRICT' })
  @PrimaryColumn({ type: 'uuid', name: 'organization_id' })
  organizationId: string;
}
