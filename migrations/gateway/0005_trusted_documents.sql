CREATE TABLE "gateway"."trusted_documents" (
	"agency" varchar(32) NOT NULL,
	"hash" char(64) NOT NULL,
	"name" text NOT NULL,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trusted_documents_agency_hash_pk" PRIMARY KEY("agency","hash")
);
