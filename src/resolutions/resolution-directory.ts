import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { invalid } from '../common/domain-error';
import { OrganizationsService } from '../organizations/organizations.service';
import { PeopleService } from '../people/people.service';

/** The organizations and people a resolution names, checked through their modules' services. */
@Injectable()
export class ResolutionDirectory {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly people: PeopleService,
  ) {}

  /** Checks that the organizations and people a resolution names exist; 400 naming the field otherwise. */
  async assertReferences(
    m: EntityManager,
    refs: { leadOrganizationId?: string | null; coOrganizationIds?: string[]; ownerId?: string | null },
  ): Promise<void> {
    const orgIds = [...new Set([refs.leadOrganizationId, ...(refs.coOrganizationIds ?? [])].filter((x): x is string => !!x))];
    if (orgIds.length) {
      const found = await this.organizations.existing(orgIds, m);
      if (refs.leadOrganizationId && !found.has(refs.leadOrganizationId))
        throw invalid('leadOrganizationId', 'refers to an unknown organization', 'exists');
      const missing = refs.coOrganizationIds?.find((id) => !found.has(id));
      if (missing) throw invalid('coOrganizationIds', `refers to an unknown organization ${missing}`, 'exists');
    }
    if (refs.coOrganizationIds && refs.leadOrganizationId && refs.coOrganizationIds.includes(refs.leadOrganizationId)) {
      throw invalid('coOrganizationIds', 'must not include the lead organization', 'distinct');
    }
    if (refs.ownerId && !(await this.people.existing([refs.ownerId], m)).has(refs.ownerId))
      throw invalid('ownerId', 'refers to an unknown person', 'exists');
  }
}
