-- The field sets are part of the access log: editing one would change what every record that
-- references it says was released. Append-only like access_log (0002), with the same function.
CREATE TRIGGER "access_log_field_sets_append_only" BEFORE UPDATE OR DELETE ON "gateway"."access_log_field_sets" FOR EACH ROW EXECUTE FUNCTION "gateway"."refuse_log_change"();
--> statement-breakpoint
CREATE TRIGGER "access_log_field_sets_no_truncate" BEFORE TRUNCATE ON "gateway"."access_log_field_sets" FOR EACH STATEMENT EXECUTE FUNCTION "gateway"."refuse_log_change"();
