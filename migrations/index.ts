import type { Migration } from "kysely";
import * as initialSchema from "./20261125150000_initial_schema";
import * as loginAttempts from "./20261125170000_login_attempts";
import * as indicatorListIndexes from "./20261125190000_indicator_list_indexes";
import * as indicatorVersions from "./20261126090000_indicator_versions";
import * as importUploads from "./20261126100000_import_uploads";
import * as auditChangeSets from "./20261127090000_audit_change_sets";

/**
 * Every migration, by name, in the order they run. Listed in code (not read from the folder)
 * so that the built server, which cannot import `.ts` files at run time, carries them.
 * Forward-only: a change to the schema is a new file added here, never an edit of an old one.
 */
export const migrations: Record<string, Migration> = {
  "20261125150000_initial_schema": initialSchema,
  "20261125170000_login_attempts": loginAttempts,
  "20261125190000_indicator_list_indexes": indicatorListIndexes,
  "20261126090000_indicator_versions": indicatorVersions,
  "20261126100000_import_uploads": importUploads,
  "20261127090000_audit_change_sets": auditChangeSets,
};
