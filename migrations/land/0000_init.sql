CREATE SCHEMA "land";
--> statement-breakpoint
CREATE TABLE "land"."certificate_owners" (
	"certificate_id" integer NOT NULL,
	"owner_personal_id" char(12) NOT NULL,
	CONSTRAINT "certificate_owners_certificate_id_owner_personal_id_pk" PRIMARY KEY("certificate_id","owner_personal_id")
);
--> statement-breakpoint
CREATE TABLE "land"."certificates" (
	"id" integer PRIMARY KEY NOT NULL,
	"certificate_number" varchar(24) NOT NULL,
	"issued_on" date NOT NULL,
	"issuing_unit_code" varchar(32) NOT NULL,
	"map_sheet" integer NOT NULL,
	"parcel_number" integer NOT NULL,
	"address" text NOT NULL,
	"ward_code" varchar(32) NOT NULL,
	"area_m2" numeric(10, 1) NOT NULL,
	"land_use" varchar(8) NOT NULL,
	CONSTRAINT "certificates_certificate_number_unique" UNIQUE("certificate_number"),
	CONSTRAINT "certificates_area" CHECK ("land"."certificates"."area_m2" > 0)
);
--> statement-breakpoint
ALTER TABLE "land"."certificate_owners" ADD CONSTRAINT "certificate_owners_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "land"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certificate_owners_owner_idx" ON "land"."certificate_owners" USING btree ("owner_personal_id");--> statement-breakpoint
CREATE INDEX "certificates_ward_idx" ON "land"."certificates" USING btree ("ward_code","id");