import { invalid } from '../common/domain-error';

/**
 * The lead unit is not also a co-handler; 400 naming `coOrganizationIds` otherwise. That the
 * organizations and the owner exist is the database's to say (foreign keys, and a trigger for the
 * array): a reference to nothing comes back as a 400 naming the field (common/reference-fields.ts).
 */
export function assertLeadNotCoHandler(refs: { leadOrganizationId?: string | null; coOrganizationIds?: string[] }): void {
  if (refs.coOrganizationIds && refs.leadOrganizationId && refs.coOrganizationIds.includes(refs.leadOrganizationId)) {
    throw invalid('coOrganizationIds', 'must not include the lead organization', 'distinct');
  }
}
