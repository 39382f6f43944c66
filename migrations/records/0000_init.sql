CREATE SCHEMA "records";
--> statement-breakpoint
CREATE TYPE "records"."procedure_level" AS ENUM('CITY', 'DISTRICT', 'WARD');--> statement-breakpoint
CREATE TYPE "records"."result_status" AS ENUM('VALID', 'EXPIRED', 'REVOKED', 'SUPERSEDED');--> statement-breakpoint
CREATE TABLE "records"."documents" (
	"id" bigint PRIMARY KEY NOT NULL,
	"result_id" bigint NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" varchar(64) NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" char(64) NOT NULL,
	"page_count" integer NOT NULL,
	CONSTRAINT "documents_pages" CHECK ("records"."documents"."page_count" > 0)
);
--> statement-breakpoint
CREATE TABLE "records"."procedures" (
	"code" varchar(32) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"domain" varchar(32) NOT NULL,
	"level" "records"."procedure_level" NOT NULL,
	"validity_months" smallint
);
--> statement-breakpoint
CREATE TABLE "records"."results" (
	"id" bigint PRIMARY KEY NOT NULL,
	"dossier_code" varchar(40) NOT NULL,
	"procedure_code" varchar(32) NOT NULL,
	"subject_personal_id" char(12) NOT NULL,
	"issuing_unit_code" varchar(32) NOT NULL,
	"decision_number" varchar(40) NOT NULL,
	"issued_on" date NOT NULL,
	"valid_until" date,
	"status" "records"."result_status" NOT NULL,
	"digitized_on" date NOT NULL,
	"page_count" integer NOT NULL,
	CONSTRAINT "results_dossier_code_unique" UNIQUE("dossier_code"),
	CONSTRAINT "results_pages" CHECK ("records"."results"."page_count" > 0),
	CONSTRAINT "results_validity" CHECK ("records"."results"."valid_until" IS NULL OR "records"."results"."valid_until" >= "records"."results"."issued_on")
);
--> statement-breakpoint
ALTER TABLE "records"."documents" ADD CONSTRAINT "documents_result_id_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "records"."results"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "records"."results" ADD CONSTRAINT "results_procedure_code_procedures_code_fk" FOREIGN KEY ("procedure_code") REFERENCES "records"."procedures"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "documents_result_idx" ON "records"."documents" USING btree ("result_id");--> statement-breakpoint
CREATE INDEX "results_subject_idx" ON "records"."results" USING btree ("subject_personal_id");--> statement-breakpoint
CREATE INDEX "results_unit_idx" ON "records"."results" USING btree ("issuing_unit_code","id");--> statement-breakpoint
CREATE INDEX "results_procedure_idx" ON "records"."results" USING btree ("procedure_code","id");--> statement-breakpoint
CREATE INDEX "results_issued_idx" ON "records"."results" USING btree ("issued_on","id");