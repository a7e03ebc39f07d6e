import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795507865610 implements MigrationInterface {
  name = 'Initial1795507865610';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "council_id" uuid NOT NULL, "seq" bigint NOT NULL, "resolution_id" uuid, "entity_type" text NOT NULL, "entity_id" uuid NOT NULL, "action" text NOT NULL, "actor_id" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "before" jsonb, "after" jsonb, "prev_hash" text, "hash" text NOT NULL, CONSTRAINT "PK_40731c7151fe4be3116e45ddf73" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "events_resolution_idx" ON "events"  ("resolution_id", "seq") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "events_council_seq_key" ON "events"  ("council_id", "seq") `);
    await queryRunner.query(
      `CREATE TABLE "calendar_days" ("date" date NOT NULL, "is_workday" boolean NOT NULL, "name" text, "source" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "calendar_days_source_check" CHECK ("source" IN ('published', 'override')), CONSTRAINT "PK_1c04d56e8833eb6827f104f17e0" PRIMARY KEY ("date"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "council_channels" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "council_id" uuid NOT NULL, "type" text NOT NULL, "name" text NOT NULL, "url" text NOT NULL, "secret" text, CONSTRAINT "council_channels_type_check" CHECK ("type" IN ('dingtalk', 'wecom', 'feishu', 'webhook')), CONSTRAINT "PK_e0b0b858aac8228ae977bf49b98" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "council_channels_council_idx" ON "council_channels"  ("council_id") `);
    await queryRunner.query(
      `CREATE TABLE "council_roles" ("council_id" uuid NOT NULL, "person_id" uuid NOT NULL, "role" text NOT NULL, CONSTRAINT "council_roles_role_check" CHECK ("role" IN ('chair', 'secretary', 'supervisor')), CONSTRAINT "PK_8678ebf0fa88424b0ca74191343" PRIMARY KEY ("council_id", "person_id", "role"))`,
    );
    await queryRunner.query(`CREATE INDEX "council_roles_person_idx" ON "council_roles"  ("person_id") `);
    await queryRunner.query(
      `CREATE TABLE "council_members" ("council_id" uuid NOT NULL, "organization_id" uuid NOT NULL, CONSTRAINT "PK_e62acf38d044f58be73d8d1f632" PRIMARY KEY ("council_id", "organization_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "council_members_organization_idx" ON "council_members"  ("organization_id") `);
    await queryRunner.query(
      `CREATE TABLE "councils" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" text NOT NULL, "description" text, "timezone" text NOT NULL DEFAULT 'Asia/Shanghai', "calendar" text NOT NULL DEFAULT 'cn', "policy" jsonb NOT NULL DEFAULT '{}', "resolution_seq" integer NOT NULL DEFAULT '0', "event_seq" bigint NOT NULL DEFAULT '0', "event_head_hash" text, CONSTRAINT "councils_calendar_check" CHECK ("calendar" IN ('cn', 'weekdays', 'all')), CONSTRAINT "PK_4966fa6c4948bab2ea3e31e054d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "meetings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "council_id" uuid NOT NULL, "title" text NOT NULL, "kind" text NOT NULL, "held_at" TIMESTAMP WITH TIME ZONE NOT NULL, "location" text, "attendee_ids" uuid array NOT NULL DEFAULT '{}', "minutes" text, CONSTRAINT "meetings_kind_check" CHECK ("kind" IN ('regular', 'ad_hoc')), CONSTRAINT "PK_aa73be861afa77eb4ed31f3ed57" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "meetings_council_held_idx" ON "meetings"  ("council_id", "held_at") `);
    await queryRunner.query(
      `CREATE TABLE "organizations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" text NOT NULL, "kind" text NOT NULL, "parent_id" uuid, "leader_id" uuid, CONSTRAINT "organizations_kind_check" CHECK ("kind" IN ('party_committee', 'party_branch', 'working_committee', 'subdistrict_office', 'management_committee', 'government', 'company', 'other')), CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "organizations_parent_idx" ON "organizations"  ("parent_id") `);
    await queryRunner.query(`CREATE INDEX "organizations_leader_idx" ON "organizations"  ("leader_id") `);
    await queryRunner.query(
      `CREATE TABLE "people" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "username" text NOT NULL, "password_hash" text NOT NULL, "name" text NOT NULL, "organization_id" uuid NOT NULL, "title" text, "email" text, "phone" text, "dingtalk_user_id" text, "wecom_user_id" text, "is_admin" boolean NOT NULL DEFAULT false, "preferences" jsonb NOT NULL DEFAULT '{"channels":{"inApp":true,"email":false,"dingtalk":false,"wecom":false,"feishu":false,"webhook":false}}', "calendar_token" text, CONSTRAINT "PK_aa866e71353ee94c6cc51059c5b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "people_username_key" ON "people"  ("username") `);
    await queryRunner.query(`CREATE INDEX "people_organization_idx" ON "people"  ("organization_id") `);
    await queryRunner.query(
      `CREATE TABLE "extension_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "resolution_id" uuid NOT NULL, "requested_by_id" uuid NOT NULL, "requested_due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "previous_due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" text NOT NULL, "status" text NOT NULL DEFAULT 'pending', "decided_by_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_note" text, CONSTRAINT "extension_requests_status_check" CHECK ("status" IN ('pending', 'approved', 'rejected')), CONSTRAINT "PK_cf652cfbd6bc847a21929fd703f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "extension_requests_one_pending_key" ON "extension_requests"  ("resolution_id") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(`CREATE INDEX "extension_requests_resolution_idx" ON "extension_requests"  ("resolution_id", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "progress_reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "resolution_id" uuid NOT NULL, "author_id" uuid NOT NULL, "note" text NOT NULL, "percent" smallint NOT NULL, "reported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_175179020a43d5ec75ab1d6a04f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "progress_reports_resolution_idx" ON "progress_reports"  ("resolution_id", "reported_at") `);
    await queryRunner.query(
      `CREATE TABLE "resolutions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "council_id" uuid NOT NULL, "meeting_id" uuid NOT NULL, "parent_id" uuid, "number" integer NOT NULL, "title" text NOT NULL, "description" text, "category" text, "priority" text NOT NULL DEFAULT 'normal', "status" text NOT NULL DEFAULT 'registered', "lead_organization_id" uuid, "co_organization_ids" uuid array NOT NULL DEFAULT '{}', "owner_id" uuid, "due_at" TIMESTAMP WITH TIME ZONE, "original_due_at" TIMESTAMP WITH TIME ZONE, "progress" smallint NOT NULL DEFAULT '0', "escalation_level" smallint NOT NULL DEFAULT '0', "extension_count" smallint NOT NULL DEFAULT '0', "assigned_at" TIMESTAMP WITH TIME ZONE, "accepted_at" TIMESTAMP WITH TIME ZONE, "last_progress_at" TIMESTAMP WITH TIME ZONE, "completion_requested_at" TIMESTAMP WITH TIME ZONE, "completion_summary" text, "completion_evidence" text, "closed_at" TIMESTAMP WITH TIME ZONE, "verification_rating" text, "cancel_reason" text, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "resolutions_escalation_check" CHECK ("escalation_level" BETWEEN 0 AND 3), CONSTRAINT "resolutions_progress_check" CHECK ("progress" BETWEEN 0 AND 100), CONSTRAINT "resolutions_priority_check" CHECK ("priority" IN ('normal', 'high', 'urgent')), CONSTRAINT "resolutions_status_check" CHECK ("status" IN ('registered', 'assigned', 'in_progress', 'completion_requested', 'closed', 'cancelled')), CONSTRAINT "PK_e30e6dd3e4cc52a23555b4b1a4a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "resolutions_lead_idx" ON "resolutions"  ("lead_organization_id") `);
    await queryRunner.query(`CREATE INDEX "resolutions_owner_idx" ON "resolutions"  ("owner_id") `);
    await queryRunner.query(`CREATE INDEX "resolutions_parent_idx" ON "resolutions"  ("parent_id") `);
    await queryRunner.query(`CREATE INDEX "resolutions_meeting_idx" ON "resolutions"  ("meeting_id") `);
    await queryRunner.query(`CREATE INDEX "resolutions_council_created_idx" ON "resolutions"  ("council_id", "created_at") `);
    await queryRunner.query(
      `CREATE INDEX "resolutions_open_due_idx" ON "resolutions"  ("council_id", "due_at") WHERE "status" IN ('registered', 'assigned', 'in_progress', 'completion_requested')`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "resolutions_council_number_key" ON "resolutions"  ("council_id", "number") `);
    await queryRunner.query(
      `CREATE TABLE "supervision_checks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "resolution_id" uuid NOT NULL, "council_id" uuid NOT NULL, "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL, "method" text NOT NULL, "inspector_ids" uuid array NOT NULL, "findings" text NOT NULL, "rating" text NOT NULL, "recorded_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "supervision_checks_rating_check" CHECK ("rating" IN ('satisfactory', 'needs_improvement', 'unsatisfactory')), CONSTRAINT "supervision_checks_method_check" CHECK ("method" IN ('site_visit', 'document_review', 'hearing')), CONSTRAINT "PK_e0bc147a7f18768f8bc86e22d83" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "supervision_checks_council_idx" ON "supervision_checks"  ("council_id", "checked_at") `);
    await queryRunner.query(`CREATE INDEX "supervision_checks_resolution_idx" ON "supervision_checks"  ("resolution_id", "checked_at") `);
    await queryRunner.query(
      `CREATE TABLE "urges" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "resolution_id" uuid NOT NULL, "urged_by_id" uuid NOT NULL, "note" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_acf1f22033a1b757b9013f8df90" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "urges_resolution_idx" ON "urges"  ("resolution_id", "created_at") `);
    // Written by hand (TypeORM cannot express them; generation ignores them):
    // a GIN index for "co-handled by organization X" and the events table's append-only guard.
    await queryRunner.query(`CREATE INDEX "resolutions_co_orgs_idx" ON "resolutions" USING gin ("co_organization_ids")`);
    await queryRunner.query(`CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'events are append-only (% refused)', TG_OP; END $$`);
    await queryRunner.query(
      `CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON "events" FOR EACH ROW EXECUTE FUNCTION events_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "events_append_only" ON "events"`);
    await queryRunner.query(`DROP FUNCTION events_append_only()`);
    await queryRunner.query(`DROP INDEX "resolutions_co_orgs_idx"`);
    await queryRunner.query(`DROP INDEX "public"."urges_resolution_idx"`);
    await queryRunner.query(`DROP TABLE "urges"`);
    await queryRunner.query(`DROP INDEX "public"."supervision_checks_resolution_idx"`);
    await queryRunner.query(`DROP INDEX "public"."supervision_checks_council_idx"`);
    await queryRunner.query(`DROP TABLE "supervision_checks"`);
    await queryRunner.query(`DROP INDEX "public"."resolutions_council_number_key"`);
    await queryRunner.query(`DROP INDEX "public"."resolutions_open_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."resolutions_council_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."resolutions_meeting_idx"`);
    await queryRunner.query(`DROP INDEX "public"."resolutions_parent_idx"`);
    await queryRunner.query(`DROP INDEX "public"."resolutions_owner_idx"`);
    await queryRunner.query(`DROP INDEX "public"."resolutions_lead_idx"`);
    await queryRunner.query(`DROP TABLE "resolutions"`);
    await queryRunner.query(`DROP INDEX "public"."progress_reports_resolution_idx"`);
    await queryRunner.query(`DROP TABLE "progress_reports"`);
    await queryRunner.query(`DROP INDEX "public"."extension_requests_resolution_idx"`);
    await queryRunner.query(`DROP INDEX "public"."extension_requests_one_pending_key"`);
    await queryRunner.query(`DROP TABLE "extension_requests"`);
    await queryRunner.query(`DROP INDEX "public"."people_organization_idx"`);
    await queryRunner.query(`DROP INDEX "public"."people_username_key"`);
    await queryRunner.query(`DROP TABLE "people"`);
    await queryRunner.query(`DROP INDEX "public"."organizations_leader_idx"`);
    await queryRunner.query(`DROP INDEX "public"."organizations_parent_idx"`);
    await queryRunner.query(`DROP TABLE "organizations"`);
    await queryRunner.query(`DROP INDEX "public"."meetings_council_held_idx"`);
    await queryRunner.query(`DROP TABLE "meetings"`);
    await queryRunner.query(`DROP TABLE "councils"`);
    await queryRunner.query(`DROP INDEX "public"."council_members_organization_idx"`);
    await queryRunner.query(`DROP TABLE "council_members"`);
    await queryRunner.query(`DROP INDEX "public"."council_roles_person_idx"`);
    await queryRunner.query(`DROP TABLE "council_roles"`);
    await queryRunner.query(`DROP INDEX "public"."council_channels_council_idx"`);
    await queryRunner.query(`DROP TABLE "council_channels"`);
    await queryRunner.query(`DROP TABLE "calendar_days"`);
    await queryRunner.query(`DROP INDEX "public"."events_council_seq_key"`);
    await queryRunner.query(`DROP INDEX "public"."events_resolution_idx"`);
    await queryRunner.query(`DROP TABLE "events"`);
  }
}
