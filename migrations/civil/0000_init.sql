CREATE SCHEMA "civil";
--> statement-breakpoint
CREATE TABLE "civil"."births" (
	"id" integer PRIMARY KEY NOT NULL,
	"registering_unit_code" varchar(32) NOT NULL,
	"registered_on" date NOT NULL,
	"book_number" varchar(16) NOT NULL,
	"entry_number" integer NOT NULL,
	"child_personal_id" char(12) NOT NULL,
	"child_name" text NOT NULL,
	"date_of_birth" date NOT NULL,
	"place_of_birth" text NOT NULL,
	"father_personal_id" char(12),
	"mother_personal_id" char(12)
);
--> statement-breakpoint
CREATE TABLE "civil"."deaths" (
	"id" integer PRIMARY KEY NOT NULL,
	"registering_unit_code" varchar(32) NOT NULL,
	"registered_on" date NOT NULL,
	"book_number" varchar(16) NOT NULL,
	"entry_number" integer NOT NULL,
	"deceased_personal_id" char(12) NOT NULL,
	"date_of_death" date NOT NULL,
	"place_of_death" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "civil"."marriages" (
	"id" integer PRIMARY KEY NOT NULL,
	"registering_unit_code" varchar(32) NOT NULL,
	"registered_on" date NOT NULL,
	"book_number" varchar(16) NOT NULL,
	"entry_number" integer NOT NULL,
	"husband_personal_id" char(12) NOT NULL,
	"wife_personal_id" char(12) NOT NULL
);
--> statement-breakpoint
CREATE INDEX "births_child_idx" ON "civil"."births" USING btree ("child_personal_id");--> statement-breakpoint
CREATE INDEX "births_father_idx" ON "civil"."births" USING btree ("father_personal_id");--> statement-breakpoint
CREATE INDEX "births_mother_idx" ON "civil"."births" USING btree ("mother_personal_id");--> statement-breakpoint
CREATE INDEX "births_unit_idx" ON "civil"."births" USING btree ("registering_unit_code","id");--> statement-breakpoint
CREATE INDEX "deaths_deceased_idx" ON "civil"."deaths" USING btree ("deceased_personal_id");--> statement-breakpoint
CREATE INDEX "deaths_unit_idx" ON "civil"."deaths" USING btree ("registering_unit_code","id");--> statement-breakpoint
CREATE INDEX "marriages_husband_idx" ON "civil"."marriages" USING btree ("husband_personal_id");--> statement-breakpoint
CREATE INDEX "marriages_wife_idx" ON "civil"."marriages" USING btree ("wife_personal_id");--> statement-breakpoint
CREATE INDEX "marriages_unit_idx" ON "civil"."marriages" USING btree ("registering_unit_code","id");