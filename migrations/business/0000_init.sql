CREATE SCHEMA "business";
--> statement-breakpoint
CREATE TYPE "business"."business_status" AS ENUM('ACTIVE', 'SUSPENDED', 'CLOSED');--> statement-breakpoint
CREATE TABLE "business"."household_businesses" (
	"id" integer PRIMARY KEY NOT NULL,
	"registration_number" varchar(16) NOT NULL,
	"name" text NOT NULL,
	"owner_personal_id" char(12) NOT NULL,
	"address" text NOT NULL,
	"ward_code" varchar(32) NOT NULL,
	"line_of_business" text NOT NULL,
	"registered_on" date NOT NULL,
	"issuing_unit_code" varchar(32) NOT NULL,
	"status" "business"."business_status" NOT NULL,
	CONSTRAINT "household_businesses_registration_number_unique" UNIQUE("registration_number")
);
--> statement-breakpoint
CREATE INDEX "household_businesses_owner_idx" ON "business"."household_businesses" USING btree ("owner_personal_id");--> statement-breakpoint
CREATE INDEX "household_businesses_ward_idx" ON "business"."household_businesses" USING btree ("ward_code","id");