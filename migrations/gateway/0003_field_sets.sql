CREATE TABLE "gateway"."access_log_field_sets" (
	"id" char(64) PRIMARY KEY NOT NULL,
	"released" text[] NOT NULL,
	"masked" text[] NOT NULL,
	"denied" text[] NOT NULL,
	"categories" text[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "gateway"."access_log" ALTER COLUMN "released" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "gateway"."access_log" ALTER COLUMN "masked" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "gateway"."access_log" ALTER COLUMN "denied" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "gateway"."access_log" ALTER COLUMN "categories" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "gateway"."access_log" ADD COLUMN "field_set" char(64);--> statement-breakpoint
ALTER TABLE "gateway"."access_log" ADD CONSTRAINT "access_log_field_set_access_log_field_sets_id_fk" FOREIGN KEY ("field_set") REFERENCES "gateway"."access_log_field_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateway"."access_log" ADD CONSTRAINT "access_log_one_field_form" CHECK (("gateway"."access_log"."field_set" IS NULL AND "gateway"."access_log"."released" IS NOT NULL AND "gateway"."access_log"."masked" IS NOT NULL AND "gateway"."access_log"."denied" IS NOT NULL AND "gateway"."access_log"."categories" IS NOT NULL)
        OR ("gateway"."access_log"."field_set" IS NOT NULL AND "gateway"."access_log"."released" IS NULL AND "gateway"."access_log"."masked" IS NULL AND "gateway"."access_log"."denied" IS NULL AND "gateway"."access_log"."categories" IS NULL));