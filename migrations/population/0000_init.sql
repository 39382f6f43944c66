CREATE SCHEMA "population";
--> statement-breakpoint
CREATE TYPE "population"."lineage_kind" AS ENUM('WHOLE', 'PART');--> statement-breakpoint
CREATE TYPE "population"."sex" AS ENUM('MALE', 'FEMALE');--> statement-breakpoint
CREATE TYPE "population"."unit_level" AS ENUM('CITY', 'DISTRICT', 'WARD');--> statement-breakpoint
CREATE TABLE "population"."citizens" (
	"personal_id" char(12) PRIMARY KEY NOT NULL,
	"full_name" text NOT NULL,
	"date_of_birth" date NOT NULL,
	"sex" "population"."sex" NOT NULL,
	"ethnicity" text NOT NULL,
	"nationality" char(2) NOT NULL,
	"home_town" text NOT NULL,
	"permanent_address" text NOT NULL,
	"permanent_ward_code" varchar(32) NOT NULL,
	"current_address" text NOT NULL,
	"current_ward_code" varchar(32) NOT NULL,
	"household_id" varchar(16),
	"relation_to_head" varchar(16),
	"father_id" char(12),
	"mother_id" char(12),
	"spouse_id" char(12),
	"alive" boolean NOT NULL,
	"date_of_death" date,
	CONSTRAINT "citizens_personal_id_digits" CHECK ("population"."citizens"."personal_id" ~ '^[0-9]{12}$'),
	CONSTRAINT "citizens_death" CHECK ("population"."citizens"."alive" OR "population"."citizens"."date_of_death" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "population"."households" (
	"id" varchar(16) PRIMARY KEY NOT NULL,
	"head_personal_id" char(12) NOT NULL,
	"address" text NOT NULL,
	"ward_code" varchar(32) NOT NULL,
	"registered_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "population"."unit_lineage" (
	"predecessor_code" varchar(32) NOT NULL,
	"successor_code" varchar(32) NOT NULL,
	"effective_on" date NOT NULL,
	"kind" "population"."lineage_kind" NOT NULL,
	"share" numeric(5, 4) NOT NULL,
	"note" text,
	CONSTRAINT "unit_lineage_predecessor_code_successor_code_effective_on_pk" PRIMARY KEY("predecessor_code","successor_code","effective_on"),
	CONSTRAINT "unit_lineage_share" CHECK ("population"."unit_lineage"."share" > 0 AND "population"."unit_lineage"."share" <= 1)
);
--> statement-breakpoint
CREATE TABLE "population"."units" (
	"code" varchar(32) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" "population"."unit_level" NOT NULL,
	"parent_code" varchar(32),
	"valid_from" date NOT NULL,
	"valid_to" date,
	CONSTRAINT "units_validity" CHECK ("population"."units"."valid_to" IS NULL OR "population"."units"."valid_to" >= "population"."units"."valid_from")
);
--> statement-breakpoint
CREATE INDEX "citizens_household_idx" ON "population"."citizens" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "citizens_father_idx" ON "population"."citizens" USING btree ("father_id");--> statement-breakpoint
CREATE INDEX "citizens_mother_idx" ON "population"."citizens" USING btree ("mother_id");--> statement-breakpoint
CREATE INDEX "citizens_spouse_idx" ON "population"."citizens" USING btree ("spouse_id");--> statement-breakpoint
CREATE INDEX "citizens_ward_idx" ON "population"."citizens" USING btree ("current_ward_code","personal_id");--> statement-breakpoint
CREATE INDEX "households_ward_idx" ON "population"."households" USING btree ("ward_code","id");--> statement-breakpoint
CREATE INDEX "unit_lineage_successor_idx" ON "population"."unit_lineage" USING btree ("successor_code");--> statement-breakpoint
CREATE INDEX "units_parent_idx" ON "population"."units" USING btree ("parent_code");