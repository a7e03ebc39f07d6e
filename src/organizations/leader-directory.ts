/**
 * The people an organization may name as its leader. Owned here and implemented by people/, which
 * sits above organizations (a person belongs to an organization); bound in app.module.ts.
 */
export abstract class LeaderDirectory {
  abstract personExists(personId: string): Promise<boolean>;
}
