CREATE TABLE "gateway"."access_log" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"request_id" varchar(64) NOT NULL,
	"agency" varchar(32) NOT NULL,
	"officer" text NOT NULL,
	"role" varchar(16) NOT NULL,
	"purpose" varchar(64),
	"case_ref" text,
	"operation" text,
	"document_hash" char(64),
	"variables_hash" char(64),
	"subjects" text[] NOT NULL,
	"released" text[] NOT NULL,
	"masked" text[] NOT NULL,
	"denied" text[] NOT NULL,
	"categories" text[] NOT NULL,
	"outcome" varchar(32) NOT NULL,
	"code" varchar(32),
	"client" text,
	"prev_hash" char(64) NOT NULL,
	"hash" char(64) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gateway"."access_log_checkpoints" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"hash" char(64) NOT NULL,
	"signed_at" timestamp (3) with time zone NOT NULL,
	"jws" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "access_log_at_idx" ON "gateway"."access_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "access_log_agency_idx" ON "gateway"."access_log" USING btree ("agency","at");--> statement-breakpoint
CREATE INDEX "access_log_subjects_idx" ON "gateway"."access_log" USING gin ("subjects");